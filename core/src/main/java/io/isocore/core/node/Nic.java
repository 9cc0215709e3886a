package io.isocore.core.node;

import java.util.List;
import java.util.Optional;

/**
 * A network interface backed by a device.
 *
 * @param name the interface name
 * @param pciAddress the PCI address of its device, if it is a PCI device
 * @param numaNode the device's NUMA node, -1 where the firmware does not say
 * @param irqs the device's MSI/MSI-X IRQs, ascending
 */
public record Nic(String name, Optional<String> pciAddress, int numaNode, List<Integer> irqs) {
  /** Copies the list. */
  public Nic {
    irqs = List.copyOf(irqs);
  }
}
