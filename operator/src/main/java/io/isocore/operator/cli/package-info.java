/**
 * The offline {@code plan} command: places a pod manifest on NodeTopology dumps with the same
 * allocator as the scheduler, without a cluster or Quarkus.
 */
package io.isocore.operator.cli;
