{{/*
The chart's name, or nameOverride.
*/}}
{{- define "pbxgrains.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The release's full name: the prefix of every resource (truncated to 63 characters, the DNS label limit).
*/}}
{{- define "pbxgrains.fullname" -}}
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

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "pbxgrains.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every resource.
*/}}
{{- define "pbxgrains.labels" -}}
helm.sh/chart: {{ include "pbxgrains.chart" . }}
{{ include "pbxgrains.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels of the release (both tiers).
*/}}
{{- define "pbxgrains.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pbxgrains.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Selector labels of the silos.
*/}}
{{- define "pbxgrains.siloSelectorLabels" -}}
{{ include "pbxgrains.selectorLabels" . }}
app.kubernetes.io/component: silo
{{- end }}

{{/*
Selector labels of the API tier.
*/}}
{{- define "pbxgrains.apiSelectorLabels" -}}
{{ include "pbxgrains.selectorLabels" . }}
app.kubernetes.io/component: api
{{- end }}

{{/*
The service account's name.
*/}}
{{- define "pbxgrains.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "pbxgrains.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The Secret holding the control API's keys: an existing one, or the one the chart creates.
*/}}
{{- define "pbxgrains.controlApiSecretName" -}}
{{- default (printf "%s-control-api" (include "pbxgrains.fullname" .)) .Values.controlApi.existingSecret }}
{{- end }}

{{/*
The control API's keys as environment variables of the API pods, each from the Secret.
*/}}
{{- define "pbxgrains.controlApiEnv" -}}
{{- if or .Values.controlApi.adminKey .Values.controlApi.existingSecret }}
- name: Pbx__ControlApi__AdminKey
  valueFrom:
    secretKeyRef:
      name: {{ include "pbxgrains.controlApiSecretName" . }}
      key: admin-key
      optional: {{ if .Values.controlApi.existingSecret }}true{{ else }}false{{ end }}
{{- end }}
{{- range $tenant, $key := .Values.controlApi.tenantKeys }}
- name: {{ printf "Pbx__ControlApi__TenantKeys__%s" $tenant }}
  valueFrom:
    secretKeyRef:
      name: {{ include "pbxgrains.controlApiSecretName" $ }}
      key: {{ printf "tenant-%s" $tenant }}
{{- end }}
{{- end }}

{{/*
The Secret holding the Redis connection string: an existing one, or the one the chart creates.
*/}}
{{- define "pbxgrains.redisSecretName" -}}
{{- default (printf "%s-redis" (include "pbxgrains.fullname" .)) .Values.redis.existingSecret }}
{{- end }}

{{/*
The image reference.
*/}}
{{- define "pbxgrains.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
Settings both tiers share: the pod's identity from the downward API (POD_NAME names the silo, POD_IP is the
address it advertises), the cluster, Redis and the simulator. The role comes from each workload.
*/}}
{{- define "pbxgrains.commonEnv" -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: Urls
  value: {{ printf "http://+:%v" .Values.service.containerPort | quote }}
- name: Orleans__ClusteringProvider
  value: Redis
- name: Orleans__StorageProvider
  value: Redis
- name: Orleans__ClusterId
  value: {{ .Values.orleans.clusterId | quote }}
- name: Orleans__ServiceId
  value: {{ .Values.orleans.serviceId | quote }}
- name: Orleans__SiloPort
  value: {{ .Values.orleans.siloPort | quote }}
- name: Orleans__GatewayPort
  value: {{ .Values.orleans.gatewayPort | quote }}
- name: Orleans__ShutdownTimeoutSeconds
  value: {{ .Values.shutdown.timeoutSeconds | quote }}
- name: Orleans__Redis__ConnectionString
  valueFrom:
    secretKeyRef:
      name: {{ include "pbxgrains.redisSecretName" . }}
      key: {{ .Values.redis.secretKey }}
{{- range $key, $value := .Values.orleans.membership }}
- name: {{ printf "Orleans__Membership__%s" $key }}
  value: {{ $value | quote }}
{{- end }}
- name: Pbx__Clock__Speed
  value: {{ .Values.pbx.clockSpeed | quote }}
- name: Pbx__DefaultTenant
  value: {{ .Values.pbx.defaultTenant | quote }}
- name: Pbx__LoadScenarios
  value: {{ .Values.pbx.loadScenarios | quote }}
{{- if .Values.pbx.tenantDomain }}
- name: Pbx__TenantDomain
  value: {{ .Values.pbx.tenantDomain | quote }}
{{- end }}
{{- if .Values.pbx.scenarios }}
- name: Pbx__ScenariosPath
  value: /etc/pbxgrains/scenarios
{{- end }}
{{- end }}

{{/*
The probes on the host's health endpoints.
*/}}
{{- define "pbxgrains.probes" -}}
startupProbe:
  httpGet:
    path: /health/startup
    port: http
  periodSeconds: {{ .Values.probes.startup.periodSeconds }}
  failureThreshold: {{ .Values.probes.startup.failureThreshold }}
  timeoutSeconds: {{ .Values.probes.startup.timeoutSeconds }}
readinessProbe:
  httpGet:
    path: /health/ready
    port: http
  periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
  failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
  timeoutSeconds: {{ .Values.probes.readiness.timeoutSeconds }}
livenessProbe:
  httpGet:
    path: /health/live
    port: http
  periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
  failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
  timeoutSeconds: {{ .Values.probes.liveness.timeoutSeconds }}
{{- end }}

{{/*
The wait before SIGTERM, so the Service's consumers stop sending to the pod while it still serves in full (none at 0).
*/}}
{{- define "pbxgrains.preStop" -}}
{{- if gt (int .Values.shutdown.preStopSeconds) 0 }}
lifecycle:
  preStop:
    sleep:
      seconds: {{ .Values.shutdown.preStopSeconds }}
{{- end }}
{{- end }}

{{/*
Stops a release whose shutdown limits contradict each other: the preStop delay and the host's shutdown must both be
over before Kubernetes kills the pod.
*/}}
{{- define "pbxgrains.validate" -}}
{{- if ge (add (int .Values.shutdown.preStopSeconds) (int .Values.shutdown.timeoutSeconds)) (int .Values.shutdown.terminationGracePeriodSeconds) }}
{{- fail "shutdown.preStopSeconds + shutdown.timeoutSeconds must be shorter than shutdown.terminationGracePeriodSeconds" }}
{{- end }}
{{- if and (not .Values.redis.connectionString) (not .Values.redis.existingSecret) }}
{{- fail "set redis.connectionString or redis.existingSecret: silos and the API tier find each other and keep state in Redis" }}
{{- end }}
{{- end }}
