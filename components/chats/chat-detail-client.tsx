"use client";

import { Group, Panel, Separator } from "react-resizable-panels";
import { useState } from "react";
import { AdminDetail } from "@/components/chat/admin-detail";
import { ChatInput } from "@/components/chat/chat-input";
import { ChatMessages } from "@/components/chat/chat-messages";
import { LiveLink } from "@/components/chat/live-link";
import { PreviewPanel } from "@/components/chat/preview-panel";
import { OpenSettingsButton, PreviewStatusLine } from "@/components/chat/preview-status-line";
import { PublishButton } from "@/components/chat/publish-button";
import { VersionsMenu } from "@/components/chat/versions-menu";
import { AppSwitcher } from "@/components/layout/app-switcher";
import { SettingsButton, SettingsPanel } from "@/components/settings/settings-panel";
import { UserMenu } from "@/components/layout/user-menu";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { isBusy } from "@/lib/client/chat-state";
import { useSettingsFollowUpdates } from "@/hooks/use-app-settings";
import { useChat } from "@/hooks/use-chat";
import { useMediaQuery } from "@/hooks/use-media-query";
import { usePreview } from "@/hooks/use-preview";
import type { AppView } from "@/lib/api/app-view";
import { inputStatusText } from "./input-status";

type Props = { app: AppView; userEmail: string; isAdmin: boolean };

export function ChatDetailClient({ app, userEmail, isAdmin }: Props) {
  const preview = usePreview(app.id);
  // Every finished reply updates the preview; no button, no queue.
  const chat = useChat(app.id, { onReplyFinished: (chatId) => preview.sync(chatId) });
  const isDesktop = useMediaQuery("(min-width: 768px)");
  const [tab, setTab] = useState("chat");
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [settingsHighlight, setSettingsHighlight] = useState<string[]>([]);

  const status = preview.status;
  useSettingsFollowUpdates(app.id, status);
  const inputDisabled = isBusy(chat.phase) || preview.busy;
  const inputStatus = inputStatusText(chat.phase, status, preview.busy, preview.notice);
  // Our own preview once one exists; the generator's demo only until then.
  const previewUrl = status?.previewUrl ?? chat.demoUrl;
  // Settings the last preview update stopped on, drawn out whenever the panel opens.
  const missingSettings = status?.state === "failed" ? (status.needsSettings ?? []) : [];
  const openSettings = () => {
    setSettingsHighlight(missingSettings);
    setSettingsOpen(true);
  };

  const conversation = (
    <div className="flex h-full min-h-0 flex-col">
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-6">
        {chat.historyError && (
          <p role="alert" className="text-sm text-destructive">
            {chat.historyError}
          </p>
        )}
        <ChatMessages
          messages={chat.messages}
          live={chat.live}
          onStreamComplete={chat.onStreamComplete}
          onStreamError={chat.onStreamError}
        />
        {chat.error && (
          <p role="alert" className="mt-4 text-sm text-destructive" data-testid="chat-error">
            {chat.error}
          </p>
        )}
      </div>
      <div className="border-t p-3">
        <ChatInput
          onSend={chat.send}
          disabled={inputDisabled}
          status={inputStatus}
          statusAction={
            missingSettings.length > 0 && !preview.busy ? <OpenSettingsButton onClick={openSettings} testId="input-open-settings-button" /> : null
          }
        />
      </div>
    </div>
  );

  const previewPanel = (
    <PreviewPanel
      appName={app.name}
      url={previewUrl}
      versionKey={status?.versions[0]?.id}
      status={<PreviewStatusLine status={status} onFix={() => void chat.fix()} fixDisabled={inputDisabled} onOpenSettings={openSettings} />}
      actions={
        <>
          <SettingsButton appId={app.id} onOpen={openSettings} />
          <VersionsMenu versions={status?.versions ?? []} busy={inputDisabled} onMakeLive={(versionId) => void preview.rollback(versionId)} />
          <PublishButton
            canPublish={status?.canPublish ?? false}
            busy={inputDisabled}
            publishing={status?.state === "publishing"}
            onPublish={() => void preview.publish()}
          />
        </>
      }
    >
      <LiveLink url={status?.liveUrl ?? null} />
      {isAdmin && <AdminDetail detail={status?.adminDetail} />}
    </PreviewPanel>
  );

  return (
    <div className="flex h-dvh flex-col">
      <header className="flex items-center justify-between gap-2 border-b px-3 py-2">
        <AppSwitcher currentId={app.id} currentName={app.name} />
        <UserMenu email={userEmail} />
      </header>
      {isDesktop ? (
        <Group orientation="horizontal" className="min-h-0 flex-1">
          <Panel defaultSize="40" minSize="25">
            {conversation}
          </Panel>
          <Separator className="w-px bg-border transition-colors hover:bg-ring data-[separator=active]:bg-ring" />
          <Panel defaultSize="60" minSize="30">
            {previewPanel}
          </Panel>
        </Group>
      ) : (
        <Tabs value={tab} onValueChange={setTab} className="flex min-h-0 flex-1 flex-col gap-0">
          <TabsList className="mx-3 mt-2 grid w-auto grid-cols-2">
            <TabsTrigger value="chat">Chat</TabsTrigger>
            <TabsTrigger value="preview">Preview</TabsTrigger>
          </TabsList>
          {/* Both stay mounted so the live reply and the preview survive a tab switch. */}
          <TabsContent value="chat" forceMount hidden={tab !== "chat"} className="min-h-0 flex-1">
            {conversation}
          </TabsContent>
          <TabsContent value="preview" forceMount hidden={tab !== "preview"} className="min-h-0 flex-1">
            {previewPanel}
          </TabsContent>
        </Tabs>
      )}
      <SettingsPanel appId={app.id} open={settingsOpen} onOpenChange={setSettingsOpen} highlight={settingsHighlight} />
    </div>
  );
}
