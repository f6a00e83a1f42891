# The pulumi CLI reads its own version from this variable (stamped at release
# time); without it `pulumi version` is empty. Stamp it from go.mod's pin.
version=$(go list -m -f "{{.Version}}" github.com/pulumi/pulumi/pkg/v3)
echo "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${version}"
