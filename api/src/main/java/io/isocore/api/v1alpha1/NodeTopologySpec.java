package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/**
 * The node a NodeTopology describes.
 *
 * @param nodeName the name of the Node; equal to the object's name
 */
@JsonClassDescription("The node this topology describes. Everything else is in status.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeTopologySpec(
    @JsonPropertyDescription("Name of the Node; equal to metadata.name.") @Size(max = 253)
        String nodeName) {}
