package dev.flightdelay.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {

  @Test
  void containsTheAddressesUnderItsPrefixOnly() throws Exception {
    Cidr range = Cidr.parse("172.16.0.0/12");

    assertThat(range.contains(InetAddress.getByName("172.16.0.0"))).isTrue();
    assertThat(range.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
    assertThat(range.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
    assertThat(range.contains(InetAddress.getByName("172.15.255.255"))).isFalse();
  }

  @Test
  void aBareAddressIsARangeOfOne() throws Exception {
    Cidr one = Cidr.parse("127.0.0.2");

    assertThat(one.prefixLength()).isEqualTo(32);
    assertThat(one.contains(InetAddress.getByName("127.0.0.2"))).isTrue();
    assertThat(one.contains(InetAddress.getByName("127.0.0.1"))).isFalse();
  }

  @Test
  void anIpv6RangeNeverContainsAnIpv4Address() throws Exception {
    assertThat(Cidr.parse("::/0").contains(InetAddress.getByName("10.0.0.1"))).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("2001:db8::1"))).isFalse();
  }

  @Test
  void parsesAListAndBlankAsNone() {
    assertThat(Cidr.parseList(" 10.0.0.0/8 , fd00::/8,")).containsExactly(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8"));
    assertThat(Cidr.parseList(" ")).isEmpty();
    assertThat(Cidr.parseList(null)).isEmpty();
  }

  @Test
  void refusesWhatIsNotAnAddressLiteralWithoutAskingDns() {
    assertThatThrownBy(() -> Cidr.parse("cafe")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an IP address range");
    assertThatThrownBy(() -> Cidr.parse("999.1.1.1/8")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length out of range");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
  }
}
