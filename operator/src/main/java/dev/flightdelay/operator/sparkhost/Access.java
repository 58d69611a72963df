package dev.flightdelay.operator.sparkhost;

import dev.flightdelay.api.v1alpha1.SparkHostSpec;
import java.util.List;

/**
 * Who may reach the host on which port: the ports of SSH and Jupyter (null when off) and the
 * CIDR blocks allowed to reach them.
 */
record Access(Integer sshPort, Integer jupyterPort, List<String> cidrs) {

  static final String WORLD = "0.0.0.0/0";
  static final int DEFAULT_SSH_PORT = 22;
  static final int DEFAULT_JUPYTER_PORT = 8888;

  static Access of(SparkHostSpec spec) {
    boolean ssh = spec.getSsh() == null || !Boolean.FALSE.equals(spec.getSsh().getEnabled());
    boolean jupyter = spec.getJupyter() == null || !Boolean.FALSE.equals(spec.getJupyter().getEnabled());
    Integer sshPort = !ssh ? null
        : spec.getSsh() == null || spec.getSsh().getPort() == null ? DEFAULT_SSH_PORT : spec.getSsh().getPort();
    Integer jupyterPort = !jupyter ? null
        : spec.getJupyter() == null || spec.getJupyter().getPort() == null ? DEFAULT_JUPYTER_PORT : spec.getJupyter().getPort();
    return new Access(sshPort, jupyterPort, spec.getAllowedCidrs() == null ? List.of() : List.copyOf(spec.getAllowedCidrs()));
  }

  Access withCidrs(List<String> normalized) {
    return new Access(sshPort, jupyterPort, List.copyOf(normalized));
  }

  boolean opensPorts() {
    return sshPort != null || jupyterPort != null;
  }

  /** Whether a port is open to every IPv4 address. */
  boolean openToWorld() {
    return opensPorts() && cidrs.contains(WORLD);
  }

  /** The ingress rules the security group must hold, and no other. */
  List<IngressRule> rules() {
    List<Integer> ports = java.util.stream.Stream.of(sshPort, jupyterPort).filter(java.util.Objects::nonNull).toList();
    return ports.stream().flatMap(port -> cidrs.stream().map(cidr -> new IngressRule(port, cidr))).toList();
  }
}
