package dev.flightdelay.operator.sparkhost;

/** One TCP port opened to one IPv4 CIDR block. */
record IngressRule(int port, String cidr) {

  @Override
  public String toString() {
    return "tcp/" + port + " from " + cidr;
  }
}
