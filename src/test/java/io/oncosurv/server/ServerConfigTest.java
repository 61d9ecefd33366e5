package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.auth.AdminToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("defaults of the contract: 127.0.0.1:8080, ./data, 100 MB, ./cohorts, no token")
    void defaults() {
        ServerConfig c = ServerConfig.fromEnvironment(Map.of());
        assertEquals("127.0.0.1", c.host());
        assertEquals(8080, c.port());
        assertEquals(Path.of("data"), c.dataDir());
        assertEquals(100L * 1024 * 1024, c.uploadLimit());
        assertEquals(Path.of("cohorts"), c.sampleCohorts());
        assertEquals(null, c.adminToken());
    }

    @Test
    @DisplayName("a config file gives the settings; the environment overrides it")
    void configFileThenEnvironment() throws Exception {
        Path file = dir.resolve("oncosurv.properties");
        Files.writeString(file, "port=9090\nhost=0.0.0.0\nupload_limit=1000\nadmin_token=abc\n");
        ServerConfig c = ServerConfig.fromEnvironment(Map.of("ONCOSURV_CONFIG", file.toString(),
                "ONCOSURV_PORT", "9191"));
        assertEquals(9191, c.port());
        assertEquals("0.0.0.0", c.host());
        assertEquals(1000, c.uploadLimit());
        assertEquals("abc", c.adminToken());
    }

    @Test
    @DisplayName("a bad setting is refused with its name and what was expected")
    void badSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromEnvironment(Map.of("ONCOSURV_PORT", "eighty")));
        assertTrue(e.getMessage().contains("ONCOSURV_PORT must be a whole number"));
        assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromEnvironment(Map.of("ONCOSURV_CONFIG", "/no/such/file")));
    }

    @Test
    @DisplayName("the upload pace: 64 KiB/s after 10 s by default; ONCOSURV_UPLOAD_MIN_RATE and "
            + "ONCOSURV_UPLOAD_GRACE set it, and a rate under 1 byte per second is refused")
    void uploadPace() {
        assertEquals(new ServerConfig.UploadPace(65_536, 10),
                ServerConfig.fromEnvironment(Map.of()).uploadPace());
        ServerConfig c = ServerConfig.fromEnvironment(Map.of("ONCOSURV_UPLOAD_MIN_RATE", "1000",
                "ONCOSURV_UPLOAD_GRACE", "2"));
        assertEquals(new ServerConfig.UploadPace(1000, 2), c.uploadPace());
        assertEquals(c.uploadPace(), c.withPort(1).uploadPace());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromEnvironment(Map.of("ONCOSURV_UPLOAD_MIN_RATE", "0")));
        assertEquals("ONCOSURV_UPLOAD_MIN_RATE must be a whole number from 1 to 1099511627776; "
                + "got '0'", e.getMessage());
    }

    @Test
    @DisplayName("without a token one is generated into <data>/admin.token, mode 600, and kept")
    void generatedToken() throws Exception {
        ServerConfig c = new ServerConfig("127.0.0.1", 0, dir.resolve("data"), null, 10,
                dir.resolve("none"));
        String token = AdminToken.resolve(c);
        Path file = dir.resolve("data").resolve("admin.token");
        assertEquals(64, token.length());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        assertEquals(token, AdminToken.resolve(c));
    }
}
