# The provider reports this version to the engine (upstream stamps it at release
# time). Stamped from go.mod's pin, without the leading v.
version=$(go list -m -f "{{.Version}}" github.com/pulumi/pulumi-kubernetes/provider/v4)
echo "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=${version#v}"
