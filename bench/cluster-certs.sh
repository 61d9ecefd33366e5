#!/usr/bin/env bash
# The cluster's secret and certificates for the bench scripts, made once into DIR by the recipe
# of docs/deployment.md (keytool: an authority, a node key signed by it, a trust store), then
# printed as the settings a node needs: eval "$(bench/cluster-certs.sh DIR)"
set -euo pipefail
C=$1; PW=bench-store-password
kt() { keytool "$@" -storetype PKCS12 -storepass "$PW" >/dev/null 2>&1; }
if [ ! -f "$C/node.p12" ] || [ ! -f "$C/secret" ]; then
  rm -rf "$C"; mkdir -p "$C"
  kt -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname CN=oncosurv-ca -ext bc:c \
    -validity 365 -keystore "$C/ca.p12" -keypass "$PW"
  kt -exportcert -rfc -alias ca -keystore "$C/ca.p12" -file "$C/ca.pem"
  kt -importcert -noprompt -alias ca -file "$C/ca.pem" -keystore "$C/trust.p12"
  kt -genkeypair -alias node -keyalg EC -groupname secp256r1 -dname CN=oncosurv-node \
    -validity 365 -keystore "$C/node.p12" -keypass "$PW"
  kt -certreq -alias node -keystore "$C/node.p12" -file "$C/node.csr"
  kt -gencert -rfc -alias ca -keystore "$C/ca.p12" -validity 365 -infile "$C/node.csr" \
    -outfile "$C/node.pem" -keypass "$PW"
  kt -importcert -noprompt -alias ca -file "$C/ca.pem" -keystore "$C/node.p12"
  kt -importcert -alias node -file "$C/node.pem" -keystore "$C/node.p12"
  openssl rand -hex 32 >"$C/secret"
fi
echo "export ONCOSURV_CLUSTER_SECRET=$(cat "$C/secret")"
echo "export ONCOSURV_CLUSTER_KEYSTORE=$C/node.p12 ONCOSURV_CLUSTER_KEYSTORE_PASSWORD=$PW"
echo "export ONCOSURV_CLUSTER_TRUSTSTORE=$C/trust.p12 ONCOSURV_CLUSTER_TRUSTSTORE_PASSWORD=$PW"
