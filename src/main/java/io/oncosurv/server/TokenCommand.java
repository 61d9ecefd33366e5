package io.oncosurv.server;

import io.oncosurv.server.auth.ConfigTokens;
import io.oncosurv.server.auth.Role;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oncosurv token --role ROLE --name NAME}: a new API token and the line that declares it
 * in the config file (only its hash is kept; see SECURITY.md). Exit 0: printed; 2: a bad role or
 * name (the reason on stderr).
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Make an API token and its line for the file named by ONCOSURV_CONFIG.")
public final class TokenCommand implements Callable<Integer> {

    @Option(names = "--role", required = true, description = "The token's role.")
    String role;

    @Option(names = "--name", required = true, description = "The token's name.")
    String name;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        try {
            String[] issued = ConfigTokens.issue(Role.parse(role), name);
            PrintWriter out = command.commandLine().getOut();
            out.println("token (give it to its holder; it is not stored): " + issued[0]);
            out.println("config line (the file named by ONCOSURV_CONFIG): " + issued[1]);
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            command.commandLine().getErr().println(e.getMessage());
            return 2;
        }
    }
}
