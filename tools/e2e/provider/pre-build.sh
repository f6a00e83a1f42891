# cmd/pulumi-resource-kubernetes embeds schema-embed.json and
# terraform-mapping-embed.json, which upstream's generate.go writes beside
# schema.json at release time; the module zip has only the sources. Runs that
# same generate.go in a build folder outside the clone ($1/gen), with the
# schema's version set to the pin, and prints a go build -overlay flag that
# adds the two generated files to the package (the module cache is read-only).
set -euo pipefail
out="$1"
module=github.com/pulumi/pulumi-kubernetes/provider/v4
version=$(go list -m -f "{{.Version}}" "$module")
pkg_dir="$(go list -m -f "{{.Dir}}" "$module")/cmd/pulumi-resource-kubernetes"
gen="$out/gen"
mkdir -p "$gen"
ln -sf "$pkg_dir/schema.json" "$gen/schema.json"
ln -sf "$pkg_dir/terraform-mapping.json" "$gen/terraform-mapping.json"
# Built from this module (its pins resolve generate.go's imports), run in $gen.
nice -n 10 go build -trimpath -o "$gen/generate" "$pkg_dir/generate.go"
(cd "$gen" && VERSION="${version#v}" ./generate)
cat > "$gen/overlay.json" <<JSON
{"Replace": {
  "$pkg_dir/schema-embed.json": "$gen/schema-embed.json",
  "$pkg_dir/terraform-mapping-embed.json": "$gen/terraform-mapping-embed.json"
}}
JSON
echo "-overlay=$gen/overlay.json"
