package dev.conduit.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifeCycleTest {
    private final List<String> log = new ArrayList<>();

    /** A control that records its life-cycle calls. */
    private final class Recording extends Control {
        private final String name;

        Recording(String name) {
            this.name = name;
        }

        @Override
        protected void onInit(EventArgs e) throws Exception {
            log.add("init:" + name);
            super.onInit(e);
        }

        @Override
        protected void onLoad(EventArgs e) throws Exception {
            log.add("load:" + name);
            super.onLoad(e);
        }

        @Override
        protected void onPreRender(EventArgs e) throws Exception {
            log.add("prerender:" + name);
            super.onPreRender(e);
        }

        @Override
        protected void onUnload(EventArgs e) throws Exception {
            log.add("unload:" + name);
            super.onUnload(e);
        }
    }

    /** A page that records its calls and may add a control during its own Load. */
    private final class RecordingPage extends Page {
        private Control addDuringLoad;

        @Override
        protected void onInit(EventArgs e) throws Exception {
            log.add("init:P");
            super.onInit(e);
        }

        @Override
        protected void onLoad(EventArgs e) throws Exception {
            log.add("load:P");
            if (addDuringLoad != null) {
                getControls().add(addDuringLoad);
                log.add("added:" + addDuringLoad);
            }
            super.onLoad(e);
        }

        @Override
        protected void onUnload(EventArgs e) throws Exception {
            log.add("unload:P");
            super.onUnload(e);
        }
    }

    private RecordingPage tree() {
        RecordingPage page = new RecordingPage();
        Recording a = new Recording("A");
        a.getControls().add(new Recording("A1"));
        page.getControls().add(a);
        page.getControls().add(new Recording("B"));
        return page;
    }

    @Test
    void initRunsChildrenFirstLoadParentFirstUnloadChildrenFirst() throws Exception {
        RecordingPage page = tree();

        page.initRecursive();
        page.loadRecursive();
        page.preRenderRecursive();
        page.unloadRecursive();

        assertThat(log)
                .containsExactly(
                        "init:A1",
                        "init:A",
                        "init:B",
                        "init:P",
                        "load:P",
                        "load:A",
                        "load:A1",
                        "load:B",
                        "prerender:A",
                        "prerender:A1",
                        "prerender:B",
                        "unload:A1",
                        "unload:A",
                        "unload:B",
                        "unload:P");
    }

    @Test
    void controlAddedDuringLoadIsInitializedAtOnceAndLoadedAfterTheHandler() throws Exception {
        RecordingPage page = tree();
        Recording late = new Recording("late");
        page.addDuringLoad = late;

        page.initRecursive();
        log.clear();
        page.loadRecursive();

        assertThat(log)
                .containsExactly("load:P", "init:late", "added:" + late, "load:A", "load:A1", "load:B", "load:late");
    }

    @Test
    void controlAddedToALoadedControlCatchesUpAtOnce() throws Exception {
        RecordingPage page = tree();
        page.initRecursive();
        page.loadRecursive();
        log.clear();

        Recording later = new Recording("later");
        later.getControls().add(new Recording("later1"));
        page.getControls().get(0).getControls().add(later);

        assertThat(log).containsExactly("init:later1", "init:later", "load:later", "load:later1");
    }

    @Test
    void hiddenControlAndItsChildrenGetNoPreRender() throws Exception {
        RecordingPage page = tree();
        page.getControls().get(0).setVisible(false);

        page.initRecursive();
        page.loadRecursive();
        log.clear();
        page.preRenderRecursive();

        assertThat(log).containsExactly("prerender:B");
    }

    @Test
    void initHandlersAddedWithAddInitRunAfterTheOverride() throws Exception {
        RecordingPage page = tree();
        page.getControls().get(1).addInit((sender, e) -> log.add("handler:" + sender));

        page.initRecursive();

        assertThat(log)
                .containsExactly(
                        "init:A1",
                        "init:A",
                        "init:B",
                        "handler:" + page.getControls().get(1),
                        "init:P");
    }
}
