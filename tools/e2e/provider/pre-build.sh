# cmd/pulumi-resource-kubernetes embeds schema-embed.json and
# terraform-mapping-embed.json, which upstream's generate.go writes beside
# schema.json at release time; the module zip has only the sources, and Go
# refuses to overlay files in the (read-only) module cache. So the build runs in
# a folder outside the clone ($1/src): this family's go.mod and go.sum (the same
# pins), the package's main.go from the pinned module, and the two files made by
# the module's own generate.go with the schema's version set to the pin.
# Prints that folder; build.sh builds the tool packages of its go.mod there.
set -euo pipefail
out="$1"
module=github.com/pulumi/pulumi-kubernetes/provider/v4
version=$(go list -m -f "{{.Version}}" "$module")
pkg_dir="$(go list -m -f "{{.Dir}}" "$module")/cmd/pulumi-resource-kubernetes"
src="$out/src"
cmd="$src/cmd/pulumi-resource-kubernetes"
mkdir -p "$cmd" "$out/gen"
# The generator, built from this module (its pins resolve generate.go's imports).
[ -x "$out/gen/generate" ] || nice -n 10 go build -trimpath -o "$out/gen/generate" "$pkg_dir/generate.go" >&2
ln -sf "$pkg_dir/schema.json" "$out/gen/schema.json"
ln -sf "$pkg_dir/terraform-mapping.json" "$out/gen/terraform-mapping.json"
(cd "$out/gen" && VERSION="${version#v}" ./generate)
cp "$out/gen/schema-embed.json" "$out/gen/terraform-mapping-embed.json" "$cmd/"
install -m 644 "$pkg_dir/main.go" "$cmd/main.go"
cp go.sum "$src/go.sum"
# Same module and pins; the tool is the copy beside its embeds.
sed "s#^tool $module/cmd/pulumi-resource-kubernetes\$#tool slipway.local/e2e/provider/cmd/pulumi-resource-kubernetes#" go.mod > "$src/go.mod"
grep -q "^tool slipway.local/e2e/provider/cmd/pulumi-resource-kubernetes$" "$src/go.mod"
echo "$src"
