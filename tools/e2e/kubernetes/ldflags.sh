# Version stamps for the Kubernetes binaries: without them the server reports
# v0.0.0 and clients misjudge which APIs it serves. Read from go.mod's pin.
version=$(go list -m -f "{{.Version}}" k8s.io/kubernetes)
minor=$(echo "$version" | cut -d. -f2)
pkg=k8s.io/component-base/version
echo "-X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
