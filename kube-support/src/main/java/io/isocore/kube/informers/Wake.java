package io.isocore.kube.informers;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * An informer handler that only wakes a level-triggered loop: every add, update and delete runs
 * {@code onChange}, which should do nothing but schedule a pass (the pass reads the caches).
 *
 * @param onChange what to run on any change
 * @param <T> the resource type
 */
public record Wake<T>(Runnable onChange) implements ResourceEventHandler<T> {

  @Override
  public void onAdd(T obj) {
    onChange.run();
  }

  @Override
  public void onUpdate(T oldObj, T newObj) {
    onChange.run();
  }

  @Override
  public void onDelete(T obj, boolean deletedFinalStateUnknown) {
    onChange.run();
  }
}
