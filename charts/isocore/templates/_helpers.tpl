{{/* Common names and labels. */}}
{{- define "isocore.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 30 | trimSuffix "-" -}}
{{- end -}}

{{/* The prefix of every object name: fullnameOverride, or the release name plus the chart name
unless the release name already contains it. 40 characters leave room for suffixes. */}}
{{- define "isocore.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "isocore.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "isocore.labels" -}}
app.kubernetes.io/name: {{ include "isocore.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "isocore.operator.selector" -}}
app.kubernetes.io/name: {{ include "isocore.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "isocore.agent.selector" -}}
app.kubernetes.io/name: {{ include "isocore.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: node-agent
{{- end -}}

{{- define "isocore.operator.name" -}}{{ include "isocore.fullname" . }}-operator{{- end -}}
{{- define "isocore.agent.name" -}}{{ include "isocore.fullname" . }}-agent{{- end -}}

{{/* registry/repository@digest, or registry/repository:tag (tag defaults to appVersion).
global.imageRegistry, set by an umbrella chart, overrides image.registry. */}}
{{- define "isocore.image" -}}
{{- $image := index . 0 -}}{{- $root := index . 1 -}}
{{- $registry := default $root.Values.image.registry (($root.Values.global).imageRegistry) -}}
{{- if $image.digest -}}
{{- printf "%s/%s@%s" $registry $image.repository $image.digest -}}
{{- else -}}
{{- printf "%s/%s:%s" $registry $image.repository (default $root.Chart.AppVersion $image.tag) -}}
{{- end -}}
{{- end -}}

{{/* imagePullSecrets: image.pullSecrets plus global.imagePullSecrets (objects or bare names). */}}
{{- define "isocore.pullSecrets" -}}
{{- $secrets := list -}}
{{- range .Values.image.pullSecrets -}}{{- $secrets = append $secrets (dict "name" .name) -}}{{- end -}}
{{- range ((.Values.global).imagePullSecrets) -}}
{{- if kindIs "string" . -}}
{{- $secrets = append $secrets (dict "name" .) -}}
{{- else -}}
{{- $secrets = append $secrets (dict "name" .name) -}}
{{- end -}}
{{- end -}}
{{- with $secrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Pod template metadata: the chart's labels, the component, extra pod labels and annotations. */}}
{{- define "isocore.podMetadata" -}}
{{- $root := index . 0 -}}{{- $component := index . 1 -}}{{- $values := index . 2 -}}
labels:
  {{- include "isocore.labels" $root | nindent 2 }}
  app.kubernetes.io/component: {{ $component }}
  {{- with $values.podLabels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- with $values.podAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* QUARKUS_HTTP_HOST from a bind address value: an address, or podIP for the pod's own. */}}
{{- define "isocore.bindAddressEnv" -}}
- name: QUARKUS_HTTP_HOST
{{- if eq . "podIP" }}
  valueFrom: {fieldRef: {fieldPath: status.podIP}}
{{- else }}
  value: {{ . | quote }}
{{- end }}
{{- end -}}
