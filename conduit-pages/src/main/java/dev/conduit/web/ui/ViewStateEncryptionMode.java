package dev.conduit.web.ui;

/** Whether a page's view state is encrypted, as {@code ViewStateEncryptionMode}; it is always authenticated. */
public enum ViewStateEncryptionMode {
    /** When a control asks ({@link Page#registerRequiresViewStateEncryption}); the default. */
    AUTO,
    /** Always. */
    ALWAYS,
    /** Never. */
    NEVER
}
