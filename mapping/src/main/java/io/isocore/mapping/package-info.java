/**
 * Every translation between the {@code isocore.io/v1alpha1} resources and core's model, each
 * written once and used by the operator, the node agent and the CLIs alike. Pure: no client, no
 * informer, no I/O ({@code MappingArchitectureTest} keeps it so).
 */
package io.isocore.mapping;
