package dev.flightdelay.api.v1alpha1;

/** The API group, version and category shared by the three kinds. */
public final class ApiGroup {

  public static final String NAME = "flightdelay.dev";
  public static final String VERSION = "v1alpha1";
  public static final String CATEGORY = "flightdelay";

  private ApiGroup() {}
}
