package dev.flightdelay.operator.policy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a seed URL may reach, and how long and how much it may take. Addresses inside
 * the cluster or the node (loopback, link-local with the instance-metadata service, private,
 * carrier-grade NAT, and whatever ranges the admin adds for pods and services) are refused
 * unless the admin allows a range explicitly; the check is made on the address connected to,
 * for every redirect again.
 *
 * @param allowHttp plain http besides https
 * @param allowed ranges allowed even though they are internal (the sandbox allows loopback)
 * @param denied more ranges to refuse (a cluster's pod and service ranges outside the private ones)
 * @param connectTimeout how long a connection may take to open
 * @param readTimeout how long a read may wait for the next bytes
 * @param maxBytes the largest object a seed URL may deliver
 */
public record SeedAddressPolicy(boolean allowHttp, List<Cidr> allowed, List<Cidr> denied, Duration connectTimeout,
    Duration readTimeout, long maxBytes) {

  /** Ranges no seed may reach unless allowed: not routable on the internet, or the node's own. */
  public static final List<Cidr> INTERNAL = List.of(
      "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
      "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
      "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", "64:ff9b::/96", "2001:db8::/32",
      // 6to4 and Teredo carry an IPv4 address inside, which a relay may deliver to
      "2002::/16", "2001::/32")
      .stream().map(Cidr::parse).toList();

  private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

  /** The range that makes an address internal, or empty when seeds may reach it. */
  public Optional<Cidr> refusedRange(InetAddress given) {
    InetAddress address = unmapped(given);
    if (allowed.stream().anyMatch(c -> c.contains(address))) {
      return Optional.empty();
    }
    return denied.stream().filter(c -> c.contains(address)).findFirst()
        .or(() -> INTERNAL.stream().filter(c -> c.contains(address)).findFirst());
  }

  /**
   * The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:a.b.c.d): a socket connects to it over
   * IPv4, so it must meet the IPv4 ranges. Java parses such text to IPv4 already, but a DNS answer
   * (AAAA ::ffff:127.0.0.1) arrives as an Inet6Address that no IPv4 range would match.
   */
  private static InetAddress unmapped(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (!(address instanceof Inet6Address) || !Arrays.equals(bytes, 0, 12, MAPPED_PREFIX, 0, 12)) {
      return address;
    }
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  public boolean allowsScheme(String scheme) {
    return "https".equalsIgnoreCase(scheme) || (allowHttp && "http".equalsIgnoreCase(scheme));
  }
}
