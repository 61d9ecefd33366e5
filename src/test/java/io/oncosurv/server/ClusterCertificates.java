package io.oncosurv.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The certificates of a test cluster, made with the JDK's keytool as docs/deployment.md makes
 * them: a certificate authority, the nodes' key signed by it, a trust store with the authority;
 * and an outsider's self-signed key, with a trust store of its own that trusts it. Valid for
 * two days; made afresh by each test.
 */
final class ClusterCertificates {

    static final String PASSWORD = "test-store-password";
    /** The cluster's secret in the tests (any 32 characters or more). */
    static final String SECRET = "0123456789abcdef0123456789abcdef-test";

    final Path nodeKeystore;
    final Path truststore;
    final Path outsiderKeystore;
    final Path outsiderTruststore;

    private ClusterCertificates(Path dir) {
        nodeKeystore = dir.resolve("node.p12");
        truststore = dir.resolve("trust.p12");
        outsiderKeystore = dir.resolve("outsider.p12");
        outsiderTruststore = dir.resolve("outsider-trust.p12");
    }

    static ClusterCertificates make(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        ClusterCertificates c = new ClusterCertificates(dir);
        Path ca = dir.resolve("ca.p12");
        Path caPem = dir.resolve("ca.pem");
        Path csr = dir.resolve("node.csr");
        Path nodePem = dir.resolve("node.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=oncosurv-test-ca", "-ext", "bc:c", "-validity", "2",
                "-keystore", ca.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file",
                caPem.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(),
                "-keystore", c.truststore.toString());
        keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=oncosurv-test-node", "-validity", "2", "-keystore",
                c.nodeKeystore.toString());
        keytool("-certreq", "-alias", "node", "-keystore", c.nodeKeystore.toString(), "-file",
                csr.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-validity",
                "2", "-infile", csr.toString(), "-outfile", nodePem.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(),
                "-keystore", c.nodeKeystore.toString());
        keytool("-importcert", "-alias", "node", "-file", nodePem.toString(), "-keystore",
                c.nodeKeystore.toString());
        keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=oncosurv-test-node", "-validity", "2", "-keystore",
                c.outsiderKeystore.toString());
        Path outsiderPem = dir.resolve("outsider.pem");
        keytool("-exportcert", "-rfc", "-alias", "node", "-keystore",
                c.outsiderKeystore.toString(), "-file", outsiderPem.toString());
        keytool("-importcert", "-noprompt", "-alias", "outsider", "-file",
                outsiderPem.toString(), "-keystore", c.outsiderTruststore.toString());
        return c;
    }

    /** The settings of a node of the cluster: its secret, key and trust. */
    Map<String, String> node() {
        return Map.of("ONCOSURV_CLUSTER_SECRET", SECRET,
                "ONCOSURV_CLUSTER_KEYSTORE", nodeKeystore.toString(),
                "ONCOSURV_CLUSTER_KEYSTORE_PASSWORD", PASSWORD,
                "ONCOSURV_CLUSTER_TRUSTSTORE", truststore.toString(),
                "ONCOSURV_CLUSTER_TRUSTSTORE_PASSWORD", PASSWORD);
    }

    /** An outsider's settings: the secret given, its own self-signed key and trust. */
    Map<String, String> outsider(String secret) {
        return Map.of("ONCOSURV_CLUSTER_SECRET", secret,
                "ONCOSURV_CLUSTER_KEYSTORE", outsiderKeystore.toString(),
                "ONCOSURV_CLUSTER_KEYSTORE_PASSWORD", PASSWORD,
                "ONCOSURV_CLUSTER_TRUSTSTORE", outsiderTruststore.toString(),
                "ONCOSURV_CLUSTER_TRUSTSTORE_PASSWORD", PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"),
                "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        if (args[0].equals("-genkeypair") || args[0].equals("-gencert")) {
            command.add("-keypass");
            command.add(PASSWORD);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
