package io.isocore.core.alloc;

import io.isocore.core.alloc.NodeState.Slot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeSet;

/**
 * Every NUMA node of every node, bucketed by its free usable cores, so best fit ("the fewest free
 * cores that still fit") starts at the right bucket instead of scanning all nodes. Within a bucket
 * slots are ordered by node name, then NUMA id, for deterministic ties.
 */
final class FreeCoreIndex {

  private final List<TreeSet<Slot>> buckets = new ArrayList<>();

  void add(Slot slot) {
    while (buckets.size() <= slot.free) {
      buckets.add(new TreeSet<>(NodeState.SLOT_ORDER));
    }
    buckets.get(slot.free).add(slot);
  }

  void remove(Slot slot) {
    buckets.get(slot.free).remove(slot);
  }

  void update(Slot slot, int free) {
    if (slot.free != free) {
      remove(slot);
      slot.free = free;
      add(slot);
    }
  }

  int maxBucket() {
    return buckets.size() - 1;
  }

  /** Slots with at least {@code minFree} free cores, fewest free first. */
  Iterable<Slot> ascendingFrom(int minFree) {
    return () -> new BucketIterator(minFree, true);
  }

  /** Slots with at most {@code maxFree} free cores, most free first. */
  Iterable<Slot> descendingFrom(int maxFree) {
    return () -> new BucketIterator(Math.min(maxFree, maxBucket()), false);
  }

  private final class BucketIterator implements Iterator<Slot> {
    private int bucket;
    private final boolean ascending;
    private Iterator<Slot> current = Collections.emptyIterator();

    BucketIterator(int start, boolean ascending) {
      this.bucket = Math.max(start, 0);
      this.ascending = ascending;
      if (!ascending && start < 0) {
        bucket = -1;
      }
      if (bucket >= 0 && bucket < buckets.size()) {
        current = buckets.get(bucket).iterator();
      }
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext()) {
        bucket += ascending ? 1 : -1;
        if (bucket < 0 || bucket >= buckets.size()) {
          return false;
        }
        current = buckets.get(bucket).iterator();
      }
      return true;
    }

    @Override
    public Slot next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}
