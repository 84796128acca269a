{{/* Names and labels. */}}
{{- define "facerec.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "facerec.fullname" -}}
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

{{- define "facerec.selectorLabels" -}}
app.kubernetes.io/name: {{ include "facerec.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "facerec.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "facerec.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "facerec.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "facerec.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The service's image: the CUDA build with gpu.enabled. */}}
{{- define "facerec.image" -}}
{{- if .Values.gpu.enabled }}
{{- printf "%s:%s" .Values.gpu.image.repository (.Values.gpu.image.tag | default (printf "%s%s" .Chart.AppVersion .Values.gpu.image.suffix)) }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/*
The secret environment variables: name, then the values entry. Each is read from a Secret, never from values.
DATABASE_PASSWORD, REDIS_PASSWORD and the S3 keys only when that part is configured.
*/}}
{{- define "facerec.secretEnv" -}}
{{- $s := .Values.secrets }}
{{- $entries := list (list "JWT_SECRET_KEY" $s.jwtSecretKey) (list "ENCRYPTION_KEY" $s.encryptionKey) (list "ENCRYPTION_PREVIOUS_KEYS" $s.encryptionPreviousKeys) (list "FACEREC_ADMIN_PASSWORD" $s.adminPassword) }}
{{- if .Values.database.host }}
{{- $entries = append $entries (list "DATABASE_PASSWORD" $s.databasePassword) }}
{{- end }}
{{- if .Values.redis.host }}
{{- $entries = append $entries (list "REDIS_PASSWORD" $s.redisPassword) }}
{{- end }}
{{- if .Values.s3.endpoint }}
{{- $entries = concat $entries (list (list "S3_ACCESS_KEY" $s.s3AccessKey) (list "S3_SECRET_KEY" $s.s3SecretKey)) }}
{{- end }}
{{- range $entries }}
{{- $variable := index . 0 }}
{{- $entry := index . 1 }}
{{- $secret := default $s.existingSecret $entry.secret }}
{{- if $secret }}
- name: {{ $variable }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ required (printf "secrets: the key of %s in the Secret" $variable) $entry.key }}
      {{- if $entry.optional }}
      optional: true
      {{- end }}
{{- else if and (eq $.Values.environment "production") (not $entry.optional) }}
{{- fail (printf "production values need the Secret holding %s: set secrets.existingSecret (or a secret for that entry). Create it with kubectl create secret generic; docs/kubernetes.md shows how" $variable) }}
{{- end }}
{{- end }}
{{- end }}

{{/* Refuses values that cannot work, before anything is rendered. */}}
{{- define "facerec.validate" -}}
{{- if not (has .Values.environment (list "production" "development")) }}
{{- fail "environment must be production or development" }}
{{- end }}
{{- if and (eq .Values.environment "production") (not .Values.secrets.existingSecret) }}
{{- range $name := list "jwtSecretKey" "encryptionKey" }}
{{- if not (index $.Values.secrets $name).secret }}
{{- fail (printf "production values need secrets.existingSecret: the name of the Secret holding JWT_SECRET_KEY, ENCRYPTION_KEY and the other secrets (secrets.%s has no secret of its own). Nothing secret goes into values; docs/kubernetes.md shows how to create the Secret" $name) }}
{{- end }}
{{- end }}
{{- end }}
{{- $replicas := ternary .Values.autoscaling.maxReplicas .Values.replicaCount .Values.autoscaling.enabled }}
{{- if and (gt (int $replicas) 1) (or (not .Values.database.host) (not .Values.s3.endpoint)) }}
{{- fail "more than one replica needs the shared PostgreSQL (database.host) and bucket (s3.endpoint): each replica would otherwise keep its own embedded database and images" }}
{{- end }}
{{- $shutdown := .Values.shutdown }}
{{- if le (int $shutdown.terminationGracePeriodSeconds) (add $shutdown.preStopSeconds $shutdown.drainSeconds | int) }}
{{- fail (printf "shutdown.terminationGracePeriodSeconds (%v) must be longer than preStopSeconds + drainSeconds (%v), or the kubelet kills requests still draining" $shutdown.terminationGracePeriodSeconds (add $shutdown.preStopSeconds $shutdown.drainSeconds)) }}
{{- end }}
{{- if not (has .Values.models.source (list "volume" "fetch")) }}
{{- fail "models.source must be volume or fetch" }}
{{- end }}
{{- if and (eq .Values.models.source "fetch") (not .Values.models.fetch.mirror) (not .Values.models.fetch.mirrorSecretKey) }}
{{- fail "models.source=fetch needs models.fetch.mirror (or mirrorSecretKey): the image has no npm to fetch the recognizer from its upstream package" }}
{{- end }}
{{- if regexMatch "://[^/]*@" .Values.models.fetch.mirror }}
{{- fail "models.fetch.mirror carries credentials: put the address in the Secret and name its key in models.fetch.mirrorSecretKey" }}
{{- end }}
{{- if and (eq .Values.models.source "volume") (not .Values.models.volume.claimName) }}
{{- fail "models.source=volume needs models.volume.claimName" }}
{{- end }}
{{- if and .Values.ingress.enabled .Values.ingress.tls.enabled (not .Values.ingress.tls.secretName) }}
{{- fail "ingress.tls.secretName is required with TLS (cert-manager fills it when certManager names an issuer)" }}
{{- end }}
{{- end }}

{{/* The restrictive container security context, for every container of the chart. */}}
{{- define "facerec.containerSecurityContext" -}}
{{- toYaml .Values.securityContext }}
{{- end }}
