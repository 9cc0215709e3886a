package io.isocore.agent.topology;

import io.isocore.core.node.Nic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the interfaces of {@code /sys/class/net} that have a {@code device}: the PCI address (from
 * {@code device/uevent}'s {@code PCI_SLOT_NAME}, or its parent's for virtio), the NUMA node ({@code
 * device/numa_node}) and the IRQs ({@code device/msi_irqs}). Virtual interfaces (no device) are
 * left out.
 */
public final class NicReader {

  private final KernelFiles files;

  /** Reads through {@code files}, recording degradations there. */
  public NicReader(KernelFiles files) {
    this.files = files;
  }

  /** Reads the NICs, sorted by name. */
  public List<Nic> read() {
    List<Nic> nics = new ArrayList<>();
    for (Path iface : files.list(files.path("sys/class/net"), "")) {
      Path device = iface.resolve("device");
      if (!Files.isDirectory(device)) {
        continue;
      }
      // A virtio NIC's device is the virtio bus device; its parent is the PCI function.
      Path pciDevice = device;
      Optional<String> pci = pciSlot(device);
      if (pci.isEmpty()) {
        Path parent = realParent(device);
        if (parent != null) {
          pci = pciSlot(parent);
          pciDevice = pci.isPresent() ? parent : device;
        }
      }
      int node = (int) files.number(pciDevice.resolve("numa_node")).orElse(-1);
      List<Integer> irqs = new ArrayList<>();
      for (Path irq : files.list(pciDevice.resolve("msi_irqs"), "")) {
        NumaReader.suffixId("irq" + irq.getFileName(), "irq").ifPresent(irqs::add);
      }
      irqs.sort(Comparator.naturalOrder());
      nics.add(new Nic(iface.getFileName().toString(), pci, Math.max(node, -1), irqs));
    }
    nics.sort(Comparator.comparing(Nic::name));
    return nics;
  }

  private Optional<String> pciSlot(Path device) {
    return files
        .text(device.resolve("uevent"))
        .flatMap(
            t ->
                t.lines()
                    .filter(l -> l.startsWith("PCI_SLOT_NAME="))
                    .map(l -> l.substring("PCI_SLOT_NAME=".length()).trim())
                    .findFirst());
  }

  private static Path realParent(Path device) {
    try {
      return device.toRealPath().getParent();
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }
}
