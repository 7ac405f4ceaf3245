{{/* Name of a service's objects: <release>-<service>. Call with (list $ "decoder"). */}}
{{- define "mesh.fullname" -}}
{{- printf "%s-%s" (index . 0).Release.Name (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object of the release; call with $. */}}
{{- define "mesh.labels" -}}
app.kubernetes.io/part-of: mesh
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Labels of one service's objects; call with (list $ "decoder"). */}}
{{- define "mesh.serviceLabels" -}}
{{ include "mesh.labels" (index . 0) }}
app.kubernetes.io/name: {{ index . 1 }}
{{- end -}}

{{/* Selector labels of one service; call with (list $ "decoder"). */}}
{{- define "mesh.selector" -}}
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
app.kubernetes.io/name: {{ index . 1 }}
{{- end -}}

{{/* A service's gRPC address inside the cluster (its Service's DNS name); call with (list $ "decoder"). */}}
{{- define "mesh.grpcAddress" -}}
{{- $ := index . 0 -}}{{- $name := index . 1 -}}
{{- printf "http://%s.%s.svc:%v" (include "mesh.fullname" (list $ $name)) $.Release.Namespace (index $.Values.services $name).grpcPort -}}
{{- end -}}

{{/* Its management address (health and metrics). */}}
{{- define "mesh.managementAddress" -}}
{{- $ := index . 0 -}}{{- $name := index . 1 -}}
{{- printf "http://%s.%s.svc:%v" (include "mesh.fullname" (list $ $name)) $.Release.Namespace (index $.Values.services $name).managementPort -}}
{{- end -}}

{{/* "true" when the context store keeps its contexts in Redis: more than one replica, an external address, or asked. */}}
{{- define "mesh.useRedis" -}}
{{- if or .Values.redis.always .Values.redis.address (gt (int (index .Values.services "context-store").replicas) 1) -}}true{{- end -}}
{{- end -}}

{{/* host:port of that Redis: the external address, else the chart's own. */}}
{{- define "mesh.redisAddress" -}}
{{- .Values.redis.address | default (printf "%s:6379" (include "mesh.fullname" (list . "redis"))) -}}
{{- end -}}

{{/* "true" when a service runs on a GPU; call with (list $ "decoder"). */}}
{{- define "mesh.gpu" -}}
{{- $ := index . 0 -}}
{{- if and $.Values.gpu.enabled (has (index . 1) $.Values.gpu.services) -}}true{{- end -}}
{{- end -}}

{{/* Pod and container security: the images' unprivileged user, nothing written outside the mounted volumes. */}}
{{- define "mesh.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1654
runAsGroup: 1654
fsGroup: 1654
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "mesh.containerSecurityContext" -}}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities:
  drop: [ALL]
{{- end -}}
