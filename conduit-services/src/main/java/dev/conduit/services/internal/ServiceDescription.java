package dev.conduit.services.internal;

import dev.conduit.services.ScriptMethod;
import dev.conduit.services.ScriptService;
import dev.conduit.services.SoapDocumentMethod;
import dev.conduit.services.WebMethod;
import dev.conduit.services.WebService;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A service class as its callers see it: its name and namespace, its operations (the public {@link WebMethod}
 * methods, by operation name, in name order: the WSDL and the help page list them so) and the XML types they use.
 * Made once per compiled class ({@link #of}); a class that breaks a rule (an overload without its own message name, a
 * type that cannot be written as XML, a parameter without its name) is refused with a message naming the method.
 */
final class ServiceDescription {
    /** A service class that breaks a rule. */
    static final class InvalidServiceException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidServiceException(String message) {
            super(message);
        }
    }

    /** A parameter of an operation: its name (the Java parameter's) and XML type. */
    record Param(String name, XmlType type) {}

    /**
     * An operation.
     *
     * @param name the operation's name: the message name, or the method's
     * @param action its SOAP action
     * @param result the return type's XML type; null for void
     */
    record Operation(
            String name,
            Method method,
            List<Param> params,
            @Nullable XmlType result,
            String action,
            boolean oneWay,
            boolean enableSession,
            int cacheDuration,
            String description,
            boolean scriptGet,
            boolean scriptXml) {
        /** The response element's name: {@code AddResponse}. */
        String responseElement() {
            return name + "Response";
        }

        /** The result element's name: {@code AddResult}. */
        String resultElement() {
            return name + "Result";
        }
    }

    private static final ClassValue<Object> DESCRIPTIONS = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return new ServiceDescription(type);
            } catch (InvalidServiceException | XmlTypes.UnsupportedTypeException e) {
                return e; // kept, so that every request says the same without describing again
            }
        }
    };

    private final Class<?> type;
    private final Constructor<?> constructor;
    private final String name;
    private final String namespace;
    private final String description;
    private final boolean scriptService;
    private final Map<String, Operation> operations;
    private final Map<String, Operation> byAction;
    private final XmlTypes types = new XmlTypes();

    /**
     * The description of {@code type}, made on first use and kept with the class.
     *
     * @throws InvalidServiceException for a class that breaks a rule, or uses a type that cannot be written as XML
     */
    static ServiceDescription of(Class<?> type) {
        Object d = DESCRIPTIONS.get(type);
        if (d instanceof RuntimeException e) {
            throw new InvalidServiceException(e.getMessage());
        }
        return (ServiceDescription) d;
    }

    private ServiceDescription(Class<?> type) {
        this.type = type;
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw new InvalidServiceException(
                    type.getName() + " must be a public, non-abstract class to be a web" + " service");
        }
        try {
            this.constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new InvalidServiceException(
                    type.getName() + " needs a public constructor without parameters to be a web service");
        }
        WebService ws = type.getAnnotation(WebService.class);
        this.name = ws == null || ws.name().isEmpty() ? type.getSimpleName() : ws.name();
        this.namespace = ws == null ? WebService.DEFAULT_NAMESPACE : ws.namespace();
        this.description = ws == null ? "" : ws.description();
        this.scriptService = type.isAnnotationPresent(ScriptService.class);
        Map<String, Operation> ops = new TreeMap<>();
        Map<String, Operation> actions = new HashMap<>();
        List<Method> methods = new ArrayList<>(List.of(type.getMethods()));
        methods.sort((a, b) -> a.toGenericString().compareTo(b.toGenericString()));
        for (Method m : methods) {
            WebMethod wm = m.getAnnotation(WebMethod.class);
            if (wm == null || m.isBridge() || m.isSynthetic()) { // javac copies annotations onto bridge methods
                continue;
            }
            Operation op = operation(m, wm);
            Operation clash = ops.putIfAbsent(op.name(), op);
            if (clash != null) {
                throw new InvalidServiceException("Both " + describe(clash.method()) + " and " + describe(m)
                        + " are operation '" + op.name() + "' of " + type.getSimpleName() + ": give one of them its"
                        + " own @WebMethod(messageName = \"...\"), as ASP.NET requires for overloads.");
            }
            Operation sameAction = actions.putIfAbsent(op.action(), op);
            if (sameAction != null) {
                throw new InvalidServiceException("Operations '" + sameAction.name() + "' and '" + op.name() + "' of "
                        + type.getSimpleName() + " have the same SOAP action '" + op.action() + "'.");
            }
        }
        if (ops.isEmpty()) {
            throw new InvalidServiceException(
                    type.getName() + " has no operation: mark its public methods" + " @WebMethod");
        }
        this.operations = Collections.unmodifiableMap(ops);
        this.byAction = Map.copyOf(actions);
    }

    private Operation operation(Method m, WebMethod wm) {
        if (Modifier.isStatic(m.getModifiers())) {
            throw new InvalidServiceException(describe(m) + " is static: a web method is an instance method");
        }
        String opName = wm.messageName().isEmpty() ? m.getName() : wm.messageName();
        List<Param> params = new ArrayList<>();
        for (Parameter p : m.getParameters()) {
            if (!p.isNamePresent()) {
                throw new InvalidServiceException(describe(m) + ": its parameters have no names; compile it with"
                        + " javac -parameters (Conduit does for .asmx files and App_Code)");
            }
            params.add(new Param(
                    p.getName(), types.of(p.getParameterizedType(), describe(m) + ", parameter " + p.getName())));
        }
        XmlType result =
                m.getReturnType() == void.class ? null : types.of(m.getGenericReturnType(), describe(m) + ", result");
        SoapDocumentMethod sdm = m.getAnnotation(SoapDocumentMethod.class);
        String action = sdm != null && !sdm.action().isEmpty()
                ? sdm.action()
                : namespace + (namespace.endsWith("/") ? "" : "/") + opName;
        boolean oneWay = sdm != null && sdm.oneWay();
        if (oneWay && result != null) {
            throw new InvalidServiceException(describe(m) + " is one-way, so it must return void");
        }
        ScriptMethod sm = m.getAnnotation(ScriptMethod.class);
        return new Operation(
                opName,
                m,
                List.copyOf(params),
                result,
                action,
                oneWay,
                wm.enableSession(),
                wm.cacheDuration(),
                wm.description(),
                sm != null && sm.useHttpGet(),
                sm != null && sm.responseFormat() == dev.conduit.services.ResponseFormat.XML);
    }

    private static String describe(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName() + "("
                + String.join(
                        ", ",
                        java.util.Arrays.stream(m.getParameterTypes())
                                .map(Class::getSimpleName)
                                .toList())
                + ")";
    }

    /** The class. */
    Class<?> type() {
        return type;
    }

    /** A new instance of the service, for one call. */
    Object newInstance() throws ReflectiveOperationException {
        return constructor.newInstance();
    }

    /** The service's name ({@code Calc}). */
    String name() {
        return name;
    }

    /** The service's namespace ({@code http://tempuri.org/}). */
    String namespace() {
        return namespace;
    }

    /** The service's description; empty for none. */
    String description() {
        return description;
    }

    /** Whether script may call it with JSON. */
    boolean scriptService() {
        return scriptService;
    }

    /** The operations, by name, in name order. */
    Map<String, Operation> operations() {
        return operations;
    }

    /** The operation with SOAP action {@code action}, or null. */
    @Nullable
    Operation byAction(String action) {
        return byAction.get(action);
    }

    /** The operation whose request element is {@code localName} in the service's namespace, or null. */
    @Nullable
    Operation byElement(String namespaceUri, String localName) {
        return namespace.equals(namespaceUri) ? operations.get(localName) : null;
    }

    /** The service's named XML types, by name. */
    Map<String, XmlType> namedTypes() {
        return types.named();
    }
}
