{{/* Common names and labels. */}}
{{- define "isocore.fullname" -}}
{{- if contains "isocore" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-isocore" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "isocore.labels" -}}
app.kubernetes.io/name: isocore
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "isocore.operator.selector" -}}
app.kubernetes.io/name: isocore
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "isocore.agent.selector" -}}
app.kubernetes.io/name: isocore
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: node-agent
{{- end -}}

{{- define "isocore.operator.name" -}}{{ include "isocore.fullname" . }}-operator{{- end -}}
{{- define "isocore.agent.name" -}}{{ include "isocore.fullname" . }}-agent{{- end -}}

{{- define "isocore.image" -}}
{{- $image := index . 0 -}}{{- $root := index . 1 -}}
{{- printf "%s/%s:%s" $root.Values.image.registry $image.repository (default $root.Chart.AppVersion $image.tag) -}}
{{- end -}}
