package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oncosurv token} and wrong commands, through the jar's main class in a process. */
class MainCliProcessTest {

    @TempDir
    Path work;

    private CliRun run(String... args) throws Exception {
        return CliRun.of(work, args);
    }

    @Test
    @DisplayName("token --role --name: exit 0, the token and a config line that declares it, "
            + "which the server's config reader accepts with that role")
    void token() throws Exception {
        CliRun r = run("token", "--role", "clinician", "--name", "ward7");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        String tokenPrefix = "token (give it to its holder; it is not stored): ";
        String linePrefix = "config line (the file named by ONCOSURV_CONFIG): ";
        assertTrue(lines.get(0).startsWith(tokenPrefix), lines.get(0));
        assertTrue(lines.get(1).startsWith(linePrefix + "token.ward7 = clinician:"),
                lines.get(1));
        // the options in either order
        CliRun swapped = run("token", "--name", "bot", "--role", "automation");
        assertEquals(0, swapped.exit(), swapped.err());
        assertTrue(swapped.out().contains(linePrefix + "token.bot = automation:"), swapped.out());
    }

    @Test
    @DisplayName("an unknown role: exit 2 and the roles there are on stderr, nothing on stdout")
    void unknownRole() throws Exception {
        CliRun r = run("token", "--role", "nurse", "--name", "x");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals("the role must be admin, statistician, clinician or automation; got "
                + "'nurse'\n", r.err());
    }

    @Test
    @DisplayName("a missing option or an unknown command: exit 2, the reason and the usage on "
            + "stderr")
    void wrongArguments() throws Exception {
        CliRun missing = run("token", "--role", "admin");
        assertEquals(2, missing.exit());
        assertEquals("", missing.out());
        assertTrue(missing.err().startsWith("Missing required option: '--name=<name>'\n"
                + "Usage: oncosurv token "), missing.err());
        CliRun unknown = run("serve");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("Unmatched argument at index 0: 'serve'\n"),
                unknown.err());
        assertTrue(unknown.err().contains("Usage: oncosurv [-hV] [COMMAND]"), unknown.err());
        assertTrue(unknown.err().contains("  report  Make a survival report"), unknown.err());
        assertTrue(unknown.err().contains("  token   Make an API token"), unknown.err());
    }

    @Test
    @DisplayName("--version: exit 0 and the version reports name in their provenance")
    void version() throws Exception {
        CliRun r = run("--version");
        assertEquals(0, r.exit(), r.err());
        assertEquals("OncoSurv " + io.oncosurv.report.Provenance.version() + "\n", r.out());
    }
}
