package io.elbv2.operator.service;

import io.elbv2.operator.deploy.BindingsDependent;
import io.fabric8.kubernetes.api.model.Service;
import jakarta.inject.Singleton;

/** The TargetGroupBindings that fill a Service's target groups. */
@Singleton
public class ServiceBindings extends BindingsDependent<Service> {}
