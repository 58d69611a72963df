package dev.flightdelay.api.v1alpha1;

/** What happens to the cloud resource when its Kubernetes resource is deleted. */
public enum DeletionPolicy {
  /** The cloud resource and its data stay; only the Kubernetes resource goes. */
  Retain,
  /** The cloud resource is deleted with the Kubernetes resource. */
  Delete
}
