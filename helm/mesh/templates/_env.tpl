{{/*
Environment a service needs beyond its ports, by configuration key (docs/design.md section 10); call with
(list $ "decoder"). Backends reach each other through their Services; the gateway lists one replica per
backend, its Service, and probes its readiness.
*/}}
{{- define "mesh.serviceEnv" -}}
{{- $ := index . 0 -}}{{- $name := index . 1 -}}
{{- range $backend, $_ := $.Values.services }}
{{- if ne $backend "gateway" }}
- { name: MeshServices__{{ $backend }}, value: {{ include "mesh.grpcAddress" (list $ $backend) | quote }} }
{{- end }}
{{- end }}
{{- if eq $name "context-store" }}
{{- if include "mesh.useRedis" $ }}
- { name: ContextStore__Backend, value: Redis }
- { name: ContextStore__RedisConnectionString, value: {{ include "mesh.redisAddress" $ | quote }} }
{{- else }}
- { name: ContextStore__Backend, value: Embedded }
- { name: ContextStore__DataDirectory, value: /data }
{{- end }}
{{- end }}
{{- if eq $name "gateway" }}
- { name: Gateway__WebPort, value: {{ $.Values.gateway.webPort | quote }} }
- { name: Gateway__DefaultReplicas, value: "false" }
- { name: Gateway__ApiKeys__Enabled, value: {{ $.Values.gateway.apiKeys.enabled | quote }} }
- { name: Gateway__RateLimits__Enabled, value: {{ $.Values.gateway.rateLimits.enabled | quote }} }
{{- range $backend, $_ := $.Values.services }}
{{- if ne $backend "gateway" }}
- { name: Gateway__Services__{{ $backend }}__0__Grpc, value: {{ include "mesh.grpcAddress" (list $ $backend) | quote }} }
- { name: Gateway__Services__{{ $backend }}__0__Management, value: {{ include "mesh.managementAddress" (list $ $backend) | quote }} }
{{- end }}
{{- end }}
{{- end }}
{{- end -}}
