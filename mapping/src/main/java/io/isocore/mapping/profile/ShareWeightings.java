package io.isocore.mapping.profile;

import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.core.enforce.ShareWeighting;

/** Reads an IsolationProfile's {@code spec.shareWeighting} (unset: {@code Container}). */
public final class ShareWeightings {

  private ShareWeightings() {}

  /** Returns the profile's share weighting; {@code Container} when unset or without a spec. */
  public static ShareWeighting of(IsolationProfile profile) {
    IsolationProfileSpec spec = profile == null ? null : profile.getSpec();
    return spec != null && spec.shareWeighting() == IsolationProfileSpec.ShareWeighting.Pod
        ? ShareWeighting.POD
        : ShareWeighting.CONTAINER;
  }
}
