{{/* The release's full name: names every object of the chart. */}}
{{- define "fdo.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "fdo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "fdo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fdo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "fdo.labels" -}}
{{ include "fdo.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "fdo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "fdo.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name: the ServiceAccount to run as, when the chart does not create one" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* [registry/]name:tag, one scheme for both images. */}}
{{- define "fdo.image" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.images.tag -}}
{{- if .root.Values.images.registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.images.registry) .name $tag -}}
{{- else -}}
{{- printf "%s:%s" .name $tag -}}
{{- end -}}
{{- end -}}

{{- define "fdo.leaderElection" -}}
{{- or .Values.leaderElection.enabled (gt (int .Values.replicaCount) 1) -}}
{{- end -}}

{{- define "fdo.leaseNamespace" -}}
{{- default .Release.Namespace .Values.leaderElection.leaseNamespace -}}
{{- end -}}

{{/*
What the operator asks of the API server in each namespace it watches, derived from the requests
it sent in its tests (helm/src/test: OperatorRbacTest fails on a request without a rule and on a
rule no request used).
*/}}
{{- define "fdo.operatorRules" -}}
- apiGroups: ["flightdelay.dev"]
  resources: ["databuckets", "delayanalyses", "sparkhosts"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["flightdelay.dev"]
  resources: ["databuckets/status", "delayanalyses/status", "sparkhosts/status"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "create", "delete", "deletecollection"]
- apiGroups: [""]
  resources: ["services", "configmaps"]
  verbs: ["get", "create", "update"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "create", "update", "delete"]
{{- /* namespaces: a DataBucket being deleted reads its own Namespace, to leave a non-empty
bucket behind rather than hold a terminating namespace. RBAC counts GET /api/v1/namespaces/X as
a request in namespace X, so the Role in each watched namespace grants it for that one only. */}}
- apiGroups: [""]
  resources: ["serviceaccounts", "namespaces"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}

{{/* The Lease replicas elect a leader with. JOSDK checks get, create and update before it starts. */}}
{{- define "fdo.leaseRules" -}}
- apiGroups: ["coordination.k8s.io"]
  resources: ["leases"]
  verbs: ["get", "create", "update", "patch"]
{{- end -}}

{{/*
What a Spark driver asks of the API server in its namespace, derived from the requests of
Spark's scheduler backend (helm/src/test: SparkDriverRbacTest).
*/}}
{{- define "fdo.sparkDriverRules" -}}
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "create", "delete", "deletecollection"]
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["create", "deletecollection"]
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["list", "deletecollection"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["deletecollection"]
{{- end -}}

{{/*
The operator's settings (OperatorConfig), each from a value; one left empty is not set, so the
operator's own default applies.
*/}}
{{- define "fdo.settings" -}}
{{- $v := .Values -}}
{{- $roles := list -}}
{{- range $namespace, $role := $v.tenancy.namespaceRoles -}}
{{- $roles = append $roles (printf "%s=%s" $namespace $role) -}}
{{- end -}}
{{- $settings := dict
  "FLIGHTDELAY_WATCH_NAMESPACES" (join "," $v.watchNamespaces)
  "FLIGHTDELAY_LEADER_ELECTION" (include "fdo.leaderElection" .)
  "FLIGHTDELAY_LEASE_NAME" $v.leaderElection.leaseName
  "FLIGHTDELAY_LEASE_NAMESPACE" $v.leaderElection.leaseNamespace
  "FLIGHTDELAY_LEASE_DURATION_SECONDS" (int64 $v.leaderElection.leaseDurationSeconds)
  "FLIGHTDELAY_LEASE_RENEW_DEADLINE_SECONDS" (int64 $v.leaderElection.renewDeadlineSeconds)
  "FLIGHTDELAY_LEASE_RETRY_PERIOD_SECONDS" (int64 $v.leaderElection.retryPeriodSeconds)
  "FLIGHTDELAY_RECONCILE_THREADS" (int64 $v.reconcileThreads)
  "FLIGHTDELAY_DEFAULT_REGION" $v.aws.region
  "FLIGHTDELAY_S3_ENDPOINT" $v.aws.s3Endpoint
  "FLIGHTDELAY_EC2_ENDPOINT" $v.aws.ec2Endpoint
  "FLIGHTDELAY_STS_ENDPOINT" $v.aws.stsEndpoint
  "FLIGHTDELAY_HEALTH_PORT" (int64 $v.healthPort)
  "FLIGHTDELAY_RESYNC_SECONDS" (int64 $v.resyncSeconds)
  "FLIGHTDELAY_SEED_BACKOFF_SECONDS" (int64 $v.seeds.backoffSeconds)
  "FLIGHTDELAY_SERVER_SIDE_APPLY" $v.serverSideApply
  "FLIGHTDELAY_JOB_IMAGE" (include "fdo.image" (dict "root" . "name" $v.images.job))
  "FLIGHTDELAY_ALLOWED_IMAGES" (join "," $v.tenancy.allowedImages)
  "FLIGHTDELAY_DRIVER_API_SERVER" $v.sparkDriver.apiServer
  "FLIGHTDELAY_LOCAL_CLASSPATH" $v.tenancy.localRunner.classpath
  "FLIGHTDELAY_LOCAL_WORK_DIR" $v.tenancy.localRunner.workDir
  "FLIGHTDELAY_OPERATOR_IDENTITY_NAMESPACES" (join "," $v.tenancy.operatorIdentityNamespaces)
  "FLIGHTDELAY_NAMESPACE_ROLES" (join "," $roles)
  "FLIGHTDELAY_ADOPT_NAMESPACES" (join "," $v.tenancy.adoptNamespaces)
  "FLIGHTDELAY_EMPTY_ADOPTED_NAMESPACES" (join "," $v.tenancy.emptyAdoptedNamespaces)
  "FLIGHTDELAY_LOCAL_RUNNER" $v.tenancy.localRunner.enabled
  "FLIGHTDELAY_FILE_ROOTS" (join "," $v.tenancy.fileRoots)
  "FLIGHTDELAY_SEED_ALLOW_HTTP" $v.seeds.allowHttp
  "FLIGHTDELAY_SEED_ALLOWED_CIDRS" (join "," $v.seeds.allowedCidrs)
  "FLIGHTDELAY_SEED_DENIED_CIDRS" (join "," $v.seeds.deniedCidrs)
  "FLIGHTDELAY_SEED_CONNECT_TIMEOUT_SECONDS" (int64 $v.seeds.connectTimeoutSeconds)
  "FLIGHTDELAY_SEED_READ_TIMEOUT_SECONDS" (int64 $v.seeds.readTimeoutSeconds)
  "FLIGHTDELAY_SEED_MAX_BYTES" (int64 $v.seeds.maxBytes)
  "FLIGHTDELAY_RELEASE_WITHOUT_CREDENTIALS_SECONDS" (int64 $v.tenancy.releaseWithoutCredentialsSeconds)
-}}
{{- range $name, $value := $settings }}
{{- if ne (toString $value) "" }}
- name: {{ $name }}
  value: {{ toString $value | quote }}
{{- end }}
{{- end }}
{{- end -}}
