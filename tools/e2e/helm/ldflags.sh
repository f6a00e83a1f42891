# The stamps helm's Makefile (v3.22.0) sets at release. Without the k8sVersion
# pair helm assumes Kubernetes v1.20 and charts needing a newer cluster refuse
# to render; without the version, `helm version` says v3.22+unreleased.
set -euo pipefail
version=$(go list -m -f "{{.Version}}" helm.sh/helm/v3)
client_go=$(go list -m -f "{{.Version}}" k8s.io/client-go)   # v0.37.0 -> Kubernetes 1.37
minor=$(echo "${client_go#v}" | cut -d. -f2)
major=$(( $(echo "${client_go#v}" | cut -d. -f1) + 1 ))
echo "-X helm.sh/helm/v3/internal/version.version=$version" \
  "-X helm.sh/helm/v3/internal/version.metadata=" \
  "-X helm.sh/helm/v3/internal/version.gitTreeState=clean" \
  "-X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=$major" \
  "-X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$minor" \
  "-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=$major" \
  "-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$minor"
