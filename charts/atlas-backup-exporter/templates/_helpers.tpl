{{/* The chart name, shortened to what Kubernetes names allow. */}}
{{- define "atlas-backup-exporter.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: the release name alone when it already contains the chart name. */}}
{{- define "atlas-backup-exporter.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels that select the pods: never the chart or app version, which change on upgrade. */}}
{{- define "atlas-backup-exporter.selectorLabels" -}}
app.kubernetes.io/name: {{ include "atlas-backup-exporter.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "atlas-backup-exporter.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "atlas-backup-exporter.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: atlas-backup-exporter
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "atlas-backup-exporter.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "atlas-backup-exporter.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "atlas-backup-exporter.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The variables that hold each kind of credential, by credentials.type. */}}
{{- define "atlas-backup-exporter.credentialKeys" -}}
{{- if eq .Values.credentials.type "apiKey" -}}
MONGODB_ATLAS_PUBLIC_API_KEY MONGODB_ATLAS_PRIVATE_API_KEY
{{- else -}}
MONGODB_ATLAS_CLIENT_ID MONGODB_ATLAS_CLIENT_SECRET
{{- end }}
{{- end }}

{{/* The Secret the credentials come from; fails, naming existingSecret, when there is none. */}}
{{- define "atlas-backup-exporter.credentialsSecret" -}}
{{- if .Values.existingSecret }}
{{- .Values.existingSecret }}
{{- else if include "atlas-backup-exporter.inlineCredentials" . }}
{{- printf "%s-credentials" (include "atlas-backup-exporter.fullname" .) }}
{{- else }}
{{- fail "Atlas credentials are missing: set existingSecret to a Secret holding MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET (or the API key pair with credentials.type=apiKey), or set the credentials.* values, or demo=true to try the built-in simulator" }}
{{- end }}
{{- end }}

{{/* "true" when the values carry the pair credentials.type asks for; fails on half a pair. */}}
{{- define "atlas-backup-exporter.inlineCredentials" -}}
{{- $c := .Values.credentials }}
{{- $pair := ternary (list $c.publicApiKey $c.privateApiKey) (list $c.clientId $c.clientSecret) (eq $c.type "apiKey") }}
{{- if and (first $pair) (last $pair) }}true
{{- else if or (first $pair) (last $pair) }}
{{- fail (printf "credentials: type %s needs both of its values (%s)" $c.type (ternary "publicApiKey, privateApiKey" "clientId, clientSecret" (eq $c.type "apiKey"))) }}
{{- end }}
{{- end }}

{{- define "atlas-backup-exporter.scheme" -}}
{{- ternary "HTTPS" "HTTP" .Values.webConfig.tls.enabled }}
{{- end }}

{{- define "atlas-backup-exporter.webConfigEnabled" -}}
{{- if or .Values.webConfig.tls.enabled .Values.webConfig.basicAuth.enabled }}true{{ end }}
{{- end }}

{{/* A kubelet probe of one path, with the scheme and the Authorization header the web config needs. */}}
{{- define "atlas-backup-exporter.probe" -}}
httpGet:
  path: {{ .path }}
  port: http
  scheme: {{ include "atlas-backup-exporter.scheme" .root }}
  {{- with .root.Values.webConfig.basicAuth }}
  {{- if .enabled }}
  httpHeaders:
    - name: Authorization
      value: {{ printf "Basic %s" (printf "%s:%s" .username .password | b64enc) | quote }}
  {{- end }}
  {{- end }}
{{- with .settings }}
{{ toYaml . }}
{{- end }}
{{- end }}
