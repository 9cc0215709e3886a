{{/*
The alert rules, as the `groups:` of a Prometheus rule file. The chart tests render them and run
`promtool check rules` and `promtool test rules` (charts/tests/isocore-alerts.test.yaml) on them.
*/}}
{{- define "isocore.alertRules" -}}
{{- $r := .Values.monitoring.prometheusRule -}}
{{- $agentJob := printf "%s-metrics" (include "isocore.agent.name" .) -}}
{{- $operatorJob := printf "%s-metrics" (include "isocore.operator.name" .) -}}
{{- $runbook := $r.runbookBaseUrl -}}
groups:
  - name: isocore.node
    rules:
      - alert: IsocoreJitterSloBreached
        expr: max by (node, cpu) (isocore_cpu_jitter_max_seconds) > {{ $r.jitterSloSeconds }}
        for: 10m
        labels:
          severity: warning
        annotations:
          runbook_url: {{ printf "%s#%s" $runbook (lower "IsocoreJitterSloBreached") }}
          summary: Jitter above the SLO on isolated CPU {{ "{{ $labels.cpu }}" }} of {{ "{{ $labels.node }}" }}
          description: >-
            The jitter probe saw a {{ "{{ $value | humanizeDuration }}" }} interruption on an idle isolated CPU
            (SLO {{ "{{" }} {{ $r.jitterSloSeconds | float64 }} | humanizeDuration {{ "}}" }}). Run `isocore audit` on the node; quarantine keeps the core from new pods.
      - alert: IsocoreInvoluntaryContextSwitches
        expr: >-
          sum by (node, namespace, pod, container) (rate(isocore_container_context_switches_total{kind="involuntary"}[5m]))
          > {{ $r.involuntaryContextSwitchesPerSecond }}
          and on (node, namespace, pod, container)
          count by (node, namespace, pod, container) (isocore_cpu_allocation_info)
        for: 5m
        labels:
          severity: warning
        annotations:
          runbook_url: {{ printf "%s#%s" $runbook (lower "IsocoreInvoluntaryContextSwitches") }}
          summary: Exclusive container {{ "{{ $labels.namespace }}/{{ $labels.pod }}/{{ $labels.container }}" }} is being preempted
          description: >-
            {{ "{{ $value | humanize }}" }} involuntary context switches per second on exclusive cores: another task
            runs there (a kernel thread, an IRQ thread, or a process outside isocore's cpusets).
      - alert: IsocoreInterruptsOnAllocatedCpu
        expr: >-
          sum by (node, cpu) (rate(isocore_cpu_interrupts_total{type!="LOC"}[5m]))
          * on (node, cpu) group_left (namespace, pod, container) isocore_cpu_allocation_info
          > {{ $r.interruptsPerSecondOnAllocatedCpu }}
        for: 5m
        labels:
          severity: warning
        annotations:
          runbook_url: {{ printf "%s#%s" $runbook (lower "IsocoreInterruptsOnAllocatedCpu") }}
          summary: Interrupts on CPU {{ "{{ $labels.cpu }}" }} held by {{ "{{ $labels.namespace }}/{{ $labels.pod }}" }}
          description: >-
            {{ "{{ $value | humanize }}" }} non-timer interrupts per second land on an allocated CPU. Check IRQ steering,
            irqbalance, and managed IRQs in the agent's log.
      - alert: IsocoreAllocationNotApplied
        expr: isocore_allocation_not_applied_seconds > {{ $r.allocationNotAppliedSeconds }}
        labels:
          severity: critical
        annotations:
          runbook_url: {{ printf "%s#%s" $runbook (lower "IsocoreAllocationNotApplied") }}
          summary: CoreAllocation {{ "{{ $labels.namespace }}/{{ $labels.pod }}" }} not applied on {{ "{{ $labels.node }}" }}
          description: >-
            The pod is bound but its cpuset has not been verified for {{ "{{ $value | humanizeDuration }}" }}:
            it may share cores. See the CoreAllocation's status.message.
      - alert: IsocoreRtThreadOnExclusiveCore
        expr: isocore_container_rt_threads > 0 and on (node) isocore_node_rt_throttling_enabled == 1
        for: 1m
        labels:
          severity: warning
        annotations:
          runbook_url: {{ printf "%s#%s" $runbook (lower "IsocoreRtThreadOnExclusiveCore") }}
          summary: SCHED_FIFO/RR threads in {{ "{{ $labels.namespace }}/{{ $labels.pod }}" }} with RT throttling on
          description: >-
            With kernel.sched_rt_runtime_us at its default, a real-time busy loop is stopped for about 50 ms
            every second. Run the loop as SCHED_OTHER on its isolated core, or disable RT throttling.
      - alert: IsocoreKubeletCpuManagerConflict
        expr: isocore_node_kubelet_cpu_manager_static == 1
        for: 5m
        labels:
          severity: critical
        annotations:
          runbook_url: {{ printf "%s#%s" $runbook (lower "IsocoreKubeletCpuManagerConflict") }}
          summary: The kubelet CPU manager on {{ "{{ $labels.node }}" }} uses the static policy
          description: >-
            The kubelet rewrites container cpusets under the static policy and fights isocore. Set
            --cpu-manager-policy=none on nodes isocore manages.
      - alert: IsocoreAllocationNoisy
        expr: isocore_allocation_noisy == 1
        for: 1m
        labels:
          severity: warning
        annotations:
          runbook_url: {{ printf "%s#%s" $runbook (lower "IsocoreAllocationNoisy") }}
          summary: CoreAllocation {{ "{{ $labels.namespace }}/{{ $labels.pod }}" }} on {{ "{{ $labels.node }}" }} is Noisy
          description: >-
            A CPU the pod holds exclusively has been above the IsolationProfile's heldCpuNoise SLO for its
            forSeconds. isocore does not move the pod; the CPU is quarantined for new pods. The CoreAllocation's
            Noisy condition names the CPU, the figures and the top source.
  - name: isocore.components
    rules:
      - alert: IsocoreAgentDown
        expr: up{job="{{ $agentJob }}"} == 0
        for: 5m
        labels:
          severity: critical
        annotations:
          runbook_url: {{ printf "%s#%s" $runbook (lower "IsocoreAgentDown") }}
          summary: isocore agent on {{ "{{ $labels.node }}" }} is down
          description: >-
            Allocations on this node are neither enforced nor verified, and its jitter is unknown.
      - alert: IsocoreAgentAbsent
        expr: absent(up{job="{{ $agentJob }}"})
        for: 10m
        labels:
          severity: critical
        annotations:
          runbook_url: {{ printf "%s#%s" $runbook (lower "IsocoreAgentAbsent") }}
          summary: No isocore agent is scraped at all
          description: >-
            Prometheus has no target for job {{ $agentJob }}: no agent runs (no node carries the agent's
            node label, or the DaemonSet is gone) or the ServiceMonitor does not select its Service.
      - alert: IsocoreOperatorNoLeader
        expr: (sum(isocore_operator_leader{job="{{ $operatorJob }}"}) or vector(0)) < 1
        for: 5m
        labels:
          severity: critical
        annotations:
          runbook_url: {{ printf "%s#%s" $runbook (lower "IsocoreOperatorNoLeader") }}
          summary: No isocore operator replica holds the leader Lease
          description: >-
            Nothing schedules latency pods: they stay Pending and no CoreAllocation is written or released.
      - alert: IsocorePodsPendingTooLong
        # the oldest pending pod's own age, so pods replacing each other in the queue do not add up
        expr: max by (tenant) (isocore_pending_pod_oldest_seconds{job="{{ $operatorJob }}"}) > {{ mul $r.pendingPodsMinutes 60 }}
        for: 1m
        labels:
          severity: warning
        annotations:
          runbook_url: {{ printf "%s#%s" $runbook (lower "IsocorePodsPendingTooLong") }}
          summary: A latency pod of tenant {{ "{{ $labels.tenant }}" }} has waited for placement for more than {{ $r.pendingPodsMinutes }} minutes
          description: >-
            The oldest pending pod has waited {{ "{{ $value | humanizeDuration }}" }}. Its PodScheduled condition names the shortfall
            (whole isolated cores, NUMA node, hugepages, tickets).
      - alert: IsocoreSchedulingErrors
        expr: sum(rate(isocore_placements_total{job="{{ $operatorJob }}", outcome="error"}[5m])) > 0
        for: 10m
        labels:
          severity: warning
        annotations:
          runbook_url: {{ printf "%s#%s" $runbook (lower "IsocoreSchedulingErrors") }}
          summary: isocore scheduling cycles are failing
          description: >-
            {{ "{{ $value | humanize }}" }} scheduling decisions per second end in an error (not a shortfall):
            binding, CoreAllocation writes or status patches fail. See the operator's log and Events.
{{- end -}}
