/** CoreAllocation: written by the operator from a placement, read by everyone else. */
package io.isocore.mapping.allocation;
