{{- define "elbv2-operator.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "elbv2-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "elbv2-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "elbv2-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "elbv2-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{ include "elbv2-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "elbv2-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "elbv2-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* A map as key1=value1,key2=value2, the format of the operator's map settings. */}}
{{- define "elbv2-operator.keyValues" -}}
{{- $pairs := list }}
{{- range $key, $value := . }}
{{- $pairs = append $pairs (printf "%s=%v" $key $value) }}
{{- end }}
{{- join "," $pairs }}
{{- end }}

{{/* "true" when cert-manager issues the webhook certificate: webhook.certManager.enabled, or the Go chart's key. */}}
{{- define "elbv2-operator.certManager" -}}
{{- if or .Values.webhook.certManager.enabled .Values.enableCertManager }}true{{ end }}
{{- end }}
