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

{{/* Labels of every object: the chart's own win over commonLabels. */}}
{{- define "atlas-backup-exporter.labels" -}}
{{- $own := include "atlas-backup-exporter.selectorLabels" . | fromYaml }}
{{- $_ := set $own "helm.sh/chart" (printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-") }}
{{- $_ = set $own "app.kubernetes.io/version" .Chart.AppVersion }}
{{- $_ = set $own "app.kubernetes.io/managed-by" .Release.Service }}
{{- $_ = set $own "app.kubernetes.io/part-of" "atlas-backup-exporter" }}
{{- merge $own .Values.commonLabels | toYaml }}
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

{{/* "true" when the chart makes the web config: TLS or basic auth asked for, and no web config Secret given. */}}
{{- define "atlas-backup-exporter.chartWebConfig" -}}
{{- $web := .Values.webConfig }}
{{- if and (not $web.existingSecret) (or $web.tls.enabled $web.basicAuth.enabled) }}true{{ end }}
{{- end }}

{{/* The Secret whose web.yml is --web.config.file, or nothing when the exporter serves plain HTTP to anyone. */}}
{{- define "atlas-backup-exporter.webConfigSecret" -}}
{{- if .Values.webConfig.existingSecret }}
{{- .Values.webConfig.existingSecret }}
{{- else if include "atlas-backup-exporter.chartWebConfig" . }}
{{- printf "%s-web" (include "atlas-backup-exporter.fullname" .) }}
{{- end }}
{{- end }}

{{/*
A kubelet probe that runs the exporter's `healthcheck` in the container, with the exporter's
address and web config: it reads the TLS certificate and the basic-auth users from the mounted
files itself, and an answer from the exporter's own server, 401 included, proves it alive, so the
pod spec carries no password and no Authorization header. `--ready` probes /-/ready.
*/}}
{{- define "atlas-backup-exporter.probe" -}}
exec:
  command:
    - node
    - /app/dist/main.js
    - healthcheck
    - --web.listen-address=:10025
    {{- if include "atlas-backup-exporter.webConfigSecret" .root }}
    - --web.config.file=/etc/atlas-backup-exporter/web/web.yml
    {{- end }}
    {{- if .ready }}
    - --ready
    {{- end }}
{{- with .settings }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* A value as JSON string content: safe to put between the quotes of a JSON string. */}}
{{- define "atlas-backup-exporter.jsonText" -}}
{{- toJson (toString .) | trimPrefix "\"" | trimSuffix "\"" }}
{{- end }}

{{/* A threshold as the mixin writes it: whole numbers without an exponent (2592000, not 2.592e+06). */}}
{{- define "atlas-backup-exporter.number" -}}
{{- if kindIs "string" . }}{{ . }}
{{- else if eq (float64 .) (floor .) }}{{ int64 . }}
{{- else }}{{ float64 . }}
{{- end }}
{{- end }}

{{/*
One rule of files/rules.yml with its @@tokens@@ filled from prometheusRule.*: @@selector@@ (left
out with its comma or braces when empty), @@runbookUrl@@, and @@<threshold>@@, @@<threshold>/<n>@@
or @@<threshold>*<n>@@ for a threshold, divided or multiplied by n (seconds shown in hours).
Returns JSON; the filling is done on JSON text, where every value is escaped.
*/}}
{{- define "atlas-backup-exporter.fillRule" -}}
{{- $values := .values }}
{{- $json := toJson .rule }}
{{- if $values.selector }}
{{- $json = replace "@@selector@@" (include "atlas-backup-exporter.jsonText" $values.selector) $json }}
{{- else }}
{{- $json = $json | replace "{@@selector@@}" "" | replace "{@@selector@@," "{" | replace ",@@selector@@" "" }}
{{- end }}
{{- $json = replace "@@runbookUrl@@" (include "atlas-backup-exporter.jsonText" $values.runbookUrl) $json }}
{{- range $token := regexFindAll "@@[A-Za-z]+([*/][0-9]+)?@@" $json -1 | uniq }}
{{- $parts := regexSplit "[*/]" (trimAll "@" $token) -1 }}
{{- $name := first $parts }}
{{- if not (hasKey $values.thresholds $name) }}
{{- fail (printf "prometheusRule.thresholds.%s is missing: the rules need it" $name) }}
{{- end }}
{{- $value := get $values.thresholds $name }}
{{- if contains "/" $token }}{{ $value = divf $value (last $parts) }}{{ end }}
{{- if contains "*" $token }}{{ $value = mulf $value (last $parts) }}{{ end }}
{{- $json = replace $token (include "atlas-backup-exporter.jsonText" (include "atlas-backup-exporter.number" $value)) $json }}
{{- end }}
{{- $json }}
{{- end }}

{{/* The shards' headless Service: a name of its own, so the Service never turns headless. */}}
{{- define "atlas-backup-exporter.headlessName" -}}
{{- printf "%s-shards" (include "atlas-backup-exporter.fullname" . | trunc 56 | trimSuffix "-") }}
{{- end }}
