/** IsolationProfile: validation, node selection and the resolved {@code ProfileRules}. */
package io.isocore.mapping.profile;
