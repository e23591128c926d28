{{/* The pod of the Deployment and of the sharded StatefulSet alike. */}}
{{- define "atlas-backup-exporter.podTemplate" -}}
{{- $credentials := "" }}
{{- if not .Values.demo }}
{{- $credentials = include "atlas-backup-exporter.credentialsSecret" . }}
{{- end }}
{{- $webSecret := include "atlas-backup-exporter.webConfigSecret" . }}
{{- $chartWeb := include "atlas-backup-exporter.chartWebConfig" . }}
{{- $annotations := dict }}
{{- if and $credentials (not .Values.existingSecret) }}
{{- $_ := set $annotations "checksum/credentials" (include (print .Template.BasePath "/secret.yaml") . | sha256sum) }}
{{- end }}
{{- if $chartWeb }}
{{- $_ := set $annotations "checksum/web-config" (include (print .Template.BasePath "/web-config.yaml") . | sha256sum) }}
{{- end }}
{{- $annotations = merge $annotations .Values.podAnnotations -}}
metadata:
  labels:
    {{- /* the selector's labels win, then podLabels over commonLabels */}}
    {{- merge (include "atlas-backup-exporter.selectorLabels" . | fromYaml) .Values.podLabels .Values.commonLabels | toYaml | nindent 4 }}
  {{- with $annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  serviceAccountName: {{ include "atlas-backup-exporter.serviceAccountName" . }}
  automountServiceAccountToken: {{ .Values.serviceAccount.automountServiceAccountToken }}
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  securityContext:
    {{- toYaml .Values.podSecurityContext | nindent 4 }}
  containers:
    - name: exporter
      image: {{ include "atlas-backup-exporter.image" . | quote }}
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      args:
        - --web.listen-address=:10025
        {{- if .Values.demo }}
        - --demo
        {{- end }}
        {{- with .Values.atlas.baseUrl }}
        - --atlas.base-url={{ . }}
        {{- end }}
        {{- with .Values.atlas.orgId }}
        - --atlas.org-id={{ . }}
        {{- end }}
        {{- range .Values.atlas.projectIds }}
        - --atlas.project-id={{ . }}
        {{- end }}
        - --atlas.cache-ttl={{ .Values.atlas.cacheTtl }}
        - --log.level={{ .Values.log.level }}
        - --log.format={{ .Values.log.format }}
        {{- if $webSecret }}
        - --web.config.file=/etc/atlas-backup-exporter/web/web.yml
        {{- end }}
        {{- if .Values.sharding.enabled }}
        - --shard.total={{ .Values.sharding.shards }}
        {{- end }}
        {{- range .Values.extraArgs }}
        - {{ . | quote }}
        {{- end }}
      {{- if or $credentials .Values.sharding.enabled .Values.extraEnv }}
      env:
        {{- if $credentials }}
        {{- range splitList " " (include "atlas-backup-exporter.credentialKeys" .) }}
        - name: {{ . }}_FILE
          value: /etc/atlas-backup-exporter/credentials/{{ . }}
        {{- end }}
        {{- end }}
        {{- if .Values.sharding.enabled }}
        # The StatefulSet controller labels each pod with its ordinal (Kubernetes 1.28+).
        - name: ATLAS_EXPORTER_SHARD_INDEX
          valueFrom:
            fieldRef:
              fieldPath: metadata.labels['apps.kubernetes.io/pod-index']
        {{- end }}
        {{- with .Values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- end }}
      {{- with .Values.envFrom }}
      envFrom:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      ports:
        - name: http
          containerPort: 10025
          protocol: TCP
      startupProbe:
        {{- include "atlas-backup-exporter.probe" (dict "root" . "settings" .Values.startupProbe) | nindent 8 }}
      livenessProbe:
        {{- include "atlas-backup-exporter.probe" (dict "root" . "settings" .Values.livenessProbe) | nindent 8 }}
      readinessProbe:
        {{- include "atlas-backup-exporter.probe" (dict "root" . "settings" .Values.readinessProbe "ready" true) | nindent 8 }}
      securityContext:
        {{- toYaml .Values.securityContext | nindent 8 }}
      resources:
        {{- toYaml .Values.resources | nindent 8 }}
      {{- if or $credentials $webSecret .Values.extraVolumeMounts }}
      volumeMounts:
        {{- if $credentials }}
        - name: credentials
          mountPath: /etc/atlas-backup-exporter/credentials
          readOnly: true
        {{- end }}
        {{- if $webSecret }}
        # No subPath: the kubelet updates the files when the Secrets change (a renewed
        # certificate), and the exporter reloads them without a restart.
        - name: web
          mountPath: /etc/atlas-backup-exporter/web
          readOnly: true
        {{- end }}
        {{- with .Values.extraVolumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- end }}
  {{- if or $credentials $webSecret .Values.extraVolumes }}
  volumes:
    {{- if $credentials }}
    - name: credentials
      secret:
        secretName: {{ $credentials }}
        defaultMode: 288  # 0440: readable by the fsGroup, the exporter's group
        items:
          {{- range splitList " " (include "atlas-backup-exporter.credentialKeys" .) }}
          - key: {{ . }}
            path: {{ . }}
          {{- end }}
    {{- end }}
    {{- if .Values.webConfig.existingSecret }}
    # web.yml and every file it names, side by side, as the Secret holds them.
    - name: web
      secret:
        secretName: {{ .Values.webConfig.existingSecret }}
        defaultMode: 288  # 0440: readable by the fsGroup, the exporter's group
    {{- else if $chartWeb }}
    # One folder: web.yml names the certificate and key relative to itself.
    - name: web
      projected:
        defaultMode: 288  # 0440: readable by the fsGroup, the exporter's group
        sources:
          - secret:
              name: {{ $webSecret }}
              items:
                - key: web.yml
                  path: web.yml
          {{- if .Values.webConfig.tls.enabled }}
          - secret:
              name: {{ required "webConfig.tls.secretName: name the kubernetes.io/tls Secret to serve HTTPS with (or give the whole web config in webConfig.existingSecret)" .Values.webConfig.tls.secretName }}
              items:
                - key: tls.crt
                  path: tls.crt
                - key: tls.key
                  path: tls.key
          {{- end }}
    {{- end }}
    {{- with .Values.extraVolumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
