/**
 * Kubernetes plumbing shared by the operator and the node agent, written once: what a failed API
 * call says ({@code api}), Events ({@code events}), status conditions ({@code status}), informers
 * ({@code informers}) and the Prometheus endpoint ({@code metrics}). No isocore decisions live
 * here.
 */
package io.isocore.kube;
