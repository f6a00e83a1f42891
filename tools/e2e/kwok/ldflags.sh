# kwok stamps its own version at release time; do the same from go.mod's pin.
version=$(go list -m -f "{{.Version}}" sigs.k8s.io/kwok)
echo "-X sigs.k8s.io/kwok/pkg/consts.Version=${version#v}"
