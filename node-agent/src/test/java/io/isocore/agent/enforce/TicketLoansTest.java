package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.isocore.api.v1alpha1.ContainerAllocation;
import io.isocore.api.v1alpha1.ContainerAllocation.CpuMode;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationSpec;
import io.isocore.api.v1alpha1.TicketLending;
import io.isocore.api.v1alpha1.TicketTransfer;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketLoansTest {

  private static CoreAllocation ca(String pod, TicketTransfer transfer) {
    CoreAllocation ca = new CoreAllocation();
    ca.setMetadata(new ObjectMetaBuilder().withName(pod).withNamespace("md").build());
    ca.setSpec(
        new CoreAllocationSpec(
            pod,
            "uid-" + pod,
            "n0",
            0,
            "feeds",
            List.of(new ContainerAllocation("c", CpuMode.Shared, null, null, null)),
            transfer));
    return ca;
  }

  @Test
  void bothSidesOfALoanOnTheNodeAreShownAndALoanElsewhereIsNot() {
    CoreAllocation feed = ca("feed", new TicketTransfer("md", "packets", 200));
    CoreAllocation quotes = ca("quotes", new TicketTransfer("md", "packets", 50));
    CoreAllocation packets = ca("packets", null);
    CoreAllocation lonely = ca("lonely", new TicketTransfer("md", "elsewhere", 10));
    CoreAllocation plain = ca("plain", null);
    TicketLoans loans = TicketLoans.of(List.of(feed, quotes, packets, lonely, plain));
    assertThat(loans.of(feed)).isEqualTo(new TicketLending("md/packets", 200, null));
    assertThat(loans.of(packets))
        .isEqualTo(new TicketLending(null, null, List.of("md/feed=200", "md/quotes=50")));
    assertThat(loans.of(lonely)).as("target not on this node: the loan does not apply").isNull();
    assertThat(loans.of(plain)).isNull();
  }
}
