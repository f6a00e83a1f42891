# go build names the binary after the module's last element before /v3
# ("server"); everything else calls it etcd.
mv "$1/bin/server" "$1/bin/etcd"
