package dev.flightdelay.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Classifies addresses only: nothing here connects anywhere. */
class SeedAddressPolicyTest {

  private static final SeedAddressPolicy STRICT = policy(List.of(), List.of());

  @Test
  void refusesEachInternalRangeNamingIt() {
    assertThat(refused(STRICT, "10.1.2.3")).contains("10.0.0.0/8");
    assertThat(refused(STRICT, "172.31.255.255")).contains("172.16.0.0/12");
    assertThat(refused(STRICT, "100.64.0.1")).contains("100.64.0.0/10");
    assertThat(refused(STRICT, "100.127.255.255")).contains("100.64.0.0/10");
    assertThat(refused(STRICT, "192.168.1.1")).contains("192.168.0.0/16");
    assertThat(refused(STRICT, "127.0.0.1")).contains("127.0.0.0/8");
    assertThat(refused(STRICT, "169.254.169.254")).contains("169.254.0.0/16");
    assertThat(refused(STRICT, "0.0.0.0")).contains("0.0.0.0/8");
    assertThat(refused(STRICT, "::1")).contains("::1/128");
    assertThat(refused(STRICT, "::")).contains("::/128");
    assertThat(refused(STRICT, "fe80::1")).contains("fe80::/10");
    assertThat(refused(STRICT, "febf::1")).contains("fe80::/10");
    assertThat(refused(STRICT, "fc00::1")).contains("fc00::/7");
    assertThat(refused(STRICT, "fd12:3456::1")).contains("fc00::/7");
    assertThat(refused(STRICT, "fec0::1")).contains("fec0::/10");
    assertThat(refused(STRICT, "2002:a9fe:a9fe::1")).as("6to4 of 169.254.169.254").contains("2002::/16");
    assertThat(refused(STRICT, "2001:0:4136:e378:8000:63bf:3fff:fdd2")).as("Teredo").contains("2001::/32");
  }

  @Test
  void allowsPublicAddressesJustOutsideTheRanges() {
    assertThat(refused(STRICT, "93.184.216.34")).isEmpty();
    assertThat(refused(STRICT, "172.32.0.0")).isEmpty();
    assertThat(refused(STRICT, "172.15.255.255")).isEmpty();
    assertThat(refused(STRICT, "100.128.0.0")).isEmpty();
    assertThat(refused(STRICT, "11.0.0.0")).isEmpty();
    assertThat(refused(STRICT, "2606:2800:220:1:248:1893:25c8:1946")).isEmpty();
    assertThat(refused(STRICT, "2001:4860:4860::8888")).as("just outside Teredo's 2001::/32").isEmpty();
  }

  @Test
  void judgesAnIpv4MappedIpv6AddressAsTheIpv4AddressASocketReaches() throws Exception {
    byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169, (byte) 254};
    // As a DNS AAAA answer arrives: an Inet6Address, not converted to IPv4 as parsed text would be.
    InetAddress fromDns = Inet6Address.getByAddress(null, mapped, -1);

    assertThat(STRICT.refusedRange(fromDns).map(Cidr::toString)).contains("169.254.0.0/16");
    assertThat(STRICT.refusedRange(InetAddress.getByName("::ffff:127.0.0.1")).map(Cidr::toString)).contains("127.0.0.0/8");
    assertThat(policy(List.of("169.254.169.254/32"), List.of()).refusedRange(fromDns)).isEmpty();
  }

  @Test
  void anAllowedRangeOpensOnlyItself() {
    SeedAddressPolicy sandbox = policy(List.of("127.0.0.2/32"), List.of());

    assertThat(refused(sandbox, "127.0.0.2")).isEmpty();
    assertThat(refused(sandbox, "127.0.0.1")).contains("127.0.0.0/8");
  }

  @Test
  void deniedRangesAddToTheInternalOnes() {
    SeedAddressPolicy cluster = policy(List.of(), List.of("203.0.113.0/24"));

    assertThat(refused(cluster, "203.0.113.7")).contains("203.0.113.0/24");
    assertThat(refused(cluster, "10.0.0.1")).contains("10.0.0.0/8");
    assertThat(refused(cluster, "203.0.114.1")).isEmpty();
  }

  @Test
  void allowsHttpsAlwaysAndHttpOnlyWhenAsked() {
    assertThat(STRICT.allowsScheme("https")).isTrue();
    assertThat(STRICT.allowsScheme("HTTPS")).isTrue();
    assertThat(STRICT.allowsScheme("http")).isFalse();
    assertThat(STRICT.allowsScheme("ftp")).isFalse();
    assertThat(STRICT.allowsScheme("file")).isFalse();
    SeedAddressPolicy withHttp =
        new SeedAddressPolicy(true, List.of(), List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), 1);
    assertThat(withHttp.allowsScheme("http")).isTrue();
    assertThat(withHttp.allowsScheme("ftp")).isFalse();
  }

  private static SeedAddressPolicy policy(List<String> allowed, List<String> denied) {
    return new SeedAddressPolicy(false, allowed.stream().map(Cidr::parse).toList(), denied.stream().map(Cidr::parse).toList(),
        Duration.ofSeconds(1), Duration.ofSeconds(1), 1);
  }

  private static Optional<String> refused(SeedAddressPolicy policy, String literal) {
    try {
      return policy.refusedRange(InetAddress.getByName(literal)).map(Cidr::toString);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
