package dev.trafficlab.mesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigChangesTest {
  @Test
  void eachPublishedChangeIsNotedWithItsRevisionTimeAndWhatChanged() {
    ConfigStore store = ConfigStoreTest.emptyStore();
    store.apply(ConfigStoreTest.vs("reviews", "v1"), "default", "a.yaml", ApplyMode.APPLY);
    store.apply(ConfigStoreTest.vs("reviews", "v3"), "default", "b.yaml", ApplyMode.APPLY);
    assertThat(store.changes())
        .extracting(ConfigChange::what)
        .containsExactly("reviews VirtualService created", "reviews VirtualService configured");
    assertThat(store.changes().get(1).revision()).isEqualTo(store.current().revision());
    assertThat(store.changes().get(1).at()).isEqualTo(ConfigStoreTest.T0);
  }

  @Test
  void anApplyThatChangesNothingIsNotAChange() {
    ConfigStore store = ConfigStoreTest.emptyStore();
    store.apply(ConfigStoreTest.vs("reviews", "v1"), "default", "a.yaml", ApplyMode.APPLY);
    store.apply(ConfigStoreTest.vs("reviews", "v1"), "default", "a.yaml", ApplyMode.APPLY);
    assertThat(store.changes()).hasSize(1);
  }
}
