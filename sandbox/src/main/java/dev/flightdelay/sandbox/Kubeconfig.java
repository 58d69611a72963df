package dev.flightdelay.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The kubeconfig kubectl is pointed at: the gateway, over plain http on loopback. */
final class Kubeconfig {

  private Kubeconfig() {}

  static Path write(Path file, String server, String namespace) {
    String text = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: flight-delay-sandbox
          cluster:
            server: %s
        users:
        - name: sandbox
          user: {}
        contexts:
        - name: flight-delay-sandbox
          context:
            cluster: flight-delay-sandbox
            user: sandbox
            namespace: %s
        current-context: flight-delay-sandbox
        """.formatted(server, namespace);
    try {
      Files.writeString(file, text);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }
}
