package io.isocore.core.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodRequestTest {

  private static final long MI2 = 2L << 20;

  @Test
  void badRequestsFailWithTheFacts() {
    assertThatThrownBy(() -> new HugepageRequest(MI2, 3L << 20))
        .hasMessage(
            "hugepages-2Mi request of 3145728 bytes is not a positive multiple of the page size"
                + " 2097152");
    assertThatThrownBy(() -> ContainerRequest.exclusive("app", 0))
        .hasMessage("container app: an exclusive container needs at least 1 CPU, got 0");
    assertThatThrownBy(() -> new ContainerRequest("app", -1, List.of()))
        .hasMessage("container app: exclusive CPUs must not be negative, got -1");
    assertThatThrownBy(
            () ->
                new ContainerRequest(
                    "app",
                    1,
                    List.of(new HugepageRequest(MI2, MI2), new HugepageRequest(MI2, MI2))))
        .hasMessage("container app: hugepages-2Mi is requested twice");
    assertThatThrownBy(() -> PodRequest.of(PodKey.of("ns", "p"), "u"))
        .hasMessage("pod ns/p has no containers");
    assertThatThrownBy(
            () ->
                PodRequest.of(
                    PodKey.of("ns", "p"),
                    "u",
                    ContainerRequest.shared("a"),
                    ContainerRequest.shared("a")))
        .hasMessage("pod ns/p names container a twice");
    assertThatThrownBy(() -> PodKey.parse("nope"))
        .hasMessage("expected namespace/name, got 'nope'");
  }

  @Test
  void totalsAddUpOverContainers() {
    PodRequest request =
        new PodRequest(
            PodKey.parse("ns/p"),
            "u",
            Optional.of("team"),
            List.of(
                ContainerRequest.exclusive("a", 3).withHugepages(new HugepageRequest(MI2, 4 * MI2)),
                ContainerRequest.shared("b").withHugepages(new HugepageRequest(MI2, MI2)),
                ContainerRequest.exclusive("c", 2)),
            Optional.empty());
    assertThat(request.exclusiveCpus()).isEqualTo(5);
    assertThat(request.hugepageBytes(MI2)).isEqualTo(5 * MI2);
    assertThat(request.exclusiveContainers())
        .extracting(ContainerRequest::name)
        .containsExactly("a", "c");
    assertThat(request.key().toString()).isEqualTo("ns/p");
  }
}
