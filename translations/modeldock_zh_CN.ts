<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App::GuiComposition</name>
    <message>
        <source>Could not create the data folder &quot;%1&quot;.</source>
        <translation>无法创建数据文件夹“%1”。</translation>
    </message>
    <message>
        <source>close it first, or start ModelDock with another data folder.</source>
        <translation>请先关闭它，或用另一个数据文件夹启动 ModelDock。</translation>
    </message>
    <message>
        <source>Could not open the download journal: %1</source>
        <translation>无法打开下载日志：%1</translation>
    </message>
    <message>
        <source>Could not open the catalog: %1</source>
        <translation>无法打开模型目录：%1</translation>
    </message>
    <message>
        <source>network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>HF_HUB_OFFLINE is set: the catalog is not synced and nothing is downloaded; models already in the Hugging Face cache are linked from it.</source>
        <translation>已设置 HF_HUB_OFFLINE：不同步目录，也不下载任何内容；Hugging Face 缓存中已有的模型会从缓存链接。</translation>
    </message>
    <message>
        <source>downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>%1 (%2) switched from %3 to the new version %4; Roll back returns to %3.</source>
        <translation>%1（%2）已从 %3 切换到新版本 %4；“回滚”可回到 %3。</translation>
    </message>
    <message>
        <source>library</source>
        <translation>模型库</translation>
    </message>
    <message>
        <source>The library index cannot be used: %1</source>
        <translation>模型库索引无法使用：%1</translation>
    </message>
    <message>
        <source>Find my models is not available: %1</source>
        <translation>“识别我的模型”不可用：%1</translation>
    </message>
</context>
<context>
    <name>Catalog::CatalogDatabase</name>
    <message>
        <source>Cannot create the folder for the catalog %1.</source>
        <translation>无法为模型目录 %1 创建文件夹。</translation>
    </message>
    <message>
        <source>Cannot open the catalog %1: %2</source>
        <translation>无法打开模型目录 %1：%2</translation>
    </message>
    <message>
        <source>The catalog %1</source>
        <translation>模型目录 %1</translation>
    </message>
</context>
<context>
    <name>Catalog::CatalogStore</name>
    <message>
        <source>The search failed: </source>
        <translation>搜索失败：</translation>
    </message>
    <message>
        <source>The count failed: </source>
        <translation>计数失败：</translation>
    </message>
</context>
<context>
    <name>Catalog::CivitaiAdapter</name>
    <message>
        <source>A Civitai model is named by its positive numeric id.</source>
        <translation>Civitai 模型以正整数 ID 命名。</translation>
    </message>
    <message>
        <source>Civitai model %1</source>
        <translation>Civitai 模型 %1</translation>
    </message>
    <message>
        <source>Civitai models</source>
        <translation>Civitai 模型</translation>
    </message>
    <message>
        <source>Civitai %1</source>
        <translation>Civitai %1</translation>
    </message>
    <message>
        <source> for %1</source>
        <translation>（适用于 %1）</translation>
    </message>
    <message>
        <source>, top %1</source>
        <translation>，前 %1 个</translation>
    </message>
</context>
<context>
    <name>Catalog::GroupState</name>
    <message>
        <source>%1/%2 done</source>
        <translation>已完成 %1/%2</translation>
    </message>
    <message>
        <source>, %1 downloading</source>
        <translation>，%1 个正在下载</translation>
    </message>
    <message>
        <source>, %1 queued</source>
        <translation>，%1 个排队中</translation>
    </message>
    <message>
        <source>, %1 failed</source>
        <translation>，%1 个失败</translation>
    </message>
    <message>
        <source>, %1 with updates</source>
        <translation>，%1 个有更新</translation>
    </message>
</context>
<context>
    <name>Catalog::HfAdapter</name>
    <message>
        <source>%1 is not of the form namespace/name.</source>
        <translation>%1 不是 namespace/name 的形式。</translation>
    </message>
    <message>
        <source>Hugging Face collection %1</source>
        <translation>Hugging Face 合集 %1</translation>
    </message>
    <message>
        <source>Hugging Face repo %1</source>
        <translation>Hugging Face 仓库 %1</translation>
    </message>
    <message>
        <source>Hugging Face models</source>
        <translation>Hugging Face 模型</translation>
    </message>
    <message>
        <source> by %1</source>
        <translation>，作者 %1</translation>
    </message>
    <message>
        <source> matching &quot;%1&quot;</source>
        <translation>，匹配“%1”</translation>
    </message>
    <message>
        <source> tagged %1</source>
        <translation>，标签 %1</translation>
    </message>
    <message>
        <source>, by %1</source>
        <translation>，按 %1 排序</translation>
    </message>
    <message>
        <source>, top %1</source>
        <translation>，前 %1 个</translation>
    </message>
    <message>
        <source>%1: the branches could not be listed: %2</source>
        <translation>%1：无法列出分支：%2</translation>
    </message>
    <message>
        <source>%1: the branch %2 could not be listed: %3</source>
        <translation>%1：无法列出分支 %2：%3</translation>
    </message>
</context>
<context>
    <name>Catalog::HubBrowser</name>
    <message>
        <source>There is no hub named %1.</source>
        <translation>没有名为 %1 的平台。</translation>
    </message>
</context>
<context>
    <name>Catalog::HubRegistry</name>
    <message>
        <source>%1 is not a model name: give %2.</source>
        <translation>%1 不是模型名称：请给出 %2。</translation>
    </message>
    <message>
        <source>There is no source kind &quot;%1&quot;; the kinds are %2.</source>
        <translation>没有“%1”这种来源种类；可用的种类有 %2。</translation>
    </message>
    <message>
        <source>%1 (no adapter in this build)</source>
        <translation>%1（此版本中没有适配器）</translation>
    </message>
</context>
<context>
    <name>Catalog::Source</name>
    <message>
        <source>A source needs a name of 1 to 80 characters.</source>
        <translation>来源需要一个 1 到 80 个字符的名称。</translation>
    </message>
    <message>
        <source>A source needs a kind (hf-query, civitai-query, …).</source>
        <translation>来源需要一个种类（hf-query、civitai-query…）。</translation>
    </message>
    <message>
        <source>The limit must be between 1 and %1.</source>
        <translation>数量上限必须介于 1 和 %1 之间。</translation>
    </message>
    <message>
        <source>enabled is true or false, not &quot;%1&quot;.</source>
        <translation>enabled 应为 true 或 false，而不是“%1”。</translation>
    </message>
    <message>
        <source>limit is a number, not &quot;%1&quot;.</source>
        <translation>limit 应为数字，而不是“%1”。</translation>
    </message>
    <message>
        <source>A source has no field &quot;%1&quot;; the fields are %2.</source>
        <translation>来源没有“%1”字段；可用的字段有 %2。</translation>
    </message>
</context>
<context>
    <name>Catalog::SourceStore</name>
    <message>
        <source>A source named &quot;%1&quot; exists already.</source>
        <translation>名为“%1”的来源已存在。</translation>
    </message>
    <message>
        <source>Cannot store the source: </source>
        <translation>无法保存来源：</translation>
    </message>
    <message>
        <source>Cannot update the source &quot;%1&quot;: %2</source>
        <translation>无法更新来源“%1”：%2</translation>
    </message>
    <message>
        <source>There is no source with id %1.</source>
        <translation>没有 ID 为 %1 的来源。</translation>
    </message>
</context>
<context>
    <name>Catalog::SyncState</name>
    <message>
        <source> Trying again in %1 s.</source>
        <translation> %1 秒后重试。</translation>
    </message>
    <message>
        <source>Not synced yet.</source>
        <translation>尚未同步。</translation>
    </message>
    <message>
        <source>Syncing: %1 pages, %2 models so far.</source>
        <translation>正在同步：已读 %1 页，%2 个模型。</translation>
    </message>
    <message>
        <source>Synced at %1: %2 added, %3 changed, %4 removed.</source>
        <translation>同步于 %1：新增 %2，改动 %3，移除 %4。</translation>
    </message>
    <message>
        <source>Offline, using the cached catalog: %1%2</source>
        <translation>离线，使用缓存的目录：%1%2</translation>
    </message>
    <message>
        <source>The hub asked to slow down; retrying in %1 s.</source>
        <translation>平台要求放慢请求；%1 秒后重试。</translation>
    </message>
    <message>
        <source>The hub asked to slow down: %1</source>
        <translation>平台要求放慢请求：%1</translation>
    </message>
    <message>
        <source>Sync failed, the previous catalog is kept: %1%2</source>
        <translation>同步失败，保留之前的目录：%1%2</translation>
    </message>
</context>
<context>
    <name>Catalog::SyncWriter</name>
    <message>
        <source>The catalog was left unchanged: </source>
        <translation>模型目录保持不变：</translation>
    </message>
    <message>
        <source>the source is gone</source>
        <translation>该来源已不存在</translation>
    </message>
    <message>
        <source>the source changed while it was syncing</source>
        <translation>该来源在同步期间发生了变化</translation>
    </message>
    <message>
        <source>The catalog has no file %1 in %2.</source>
        <translation>模型目录中 %2 没有文件 %1。</translation>
    </message>
</context>
<context>
    <name>Download::DataFolderLock</name>
    <message>
        <source>ModelDock is already downloading with this data folder (pid %1); %2</source>
        <translation>ModelDock 已在使用此数据文件夹下载（pid %1）；%2</translation>
    </message>
    <message>
        <source>Could not lock the data folder &quot;%1&quot; (%2); %3</source>
        <translation>无法锁定数据文件夹“%1”（%2）；%3</translation>
    </message>
    <message>
        <source>no permission</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source>it is in use</source>
        <translation>它正在被使用</translation>
    </message>
</context>
<context>
    <name>Download::DownloadPool</name>
    <message>
        <source>%1 would be written where %2 %3; it was not started, so neither is overwritten. Download it again later: it then gets a name of its own.</source>
        <translation>%1 的写入位置与 %2 相同，而后者%3；因此未开始下载，两者都不会被覆盖。请稍后重新下载：届时它会得到自己的名称。</translation>
    </message>
    <message>
        <source>already is</source>
        <translation>已存在</translation>
    </message>
    <message>
        <source>is being downloaded</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <source>%1 would be written where the unfinished download of %2 keeps its data; it was not started, so neither is overwritten. Finish or cancel that download first, then download this one again.</source>
        <translation>%1 的写入位置正是 %2 未完成下载存放数据的地方；因此未开始下载，两者都不会被覆盖。请先完成或取消那个下载，然后重新下载这一个。</translation>
    </message>
    <message>
        <source>Not enough free space on %1: the download needs %2 plus a safety margin of %3, but only %4 is free.</source>
        <translation>%1 上的可用空间不足：下载需要 %2，另加 %3 的安全余量，但只有 %4 可用。</translation>
    </message>
</context>
<context>
    <name>Download::DownloadTask</name>
    <message>
        <source>Another program is downloading %1 into the shared cache; waiting for it.</source>
        <translation>另一个程序正在将 %1 下载到共享缓存中；正在等待它完成。</translation>
    </message>
    <message>
        <source>The disk is full: %1 needs %2 more. Free space on %3; the download resumes by itself.</source>
        <translation>磁盘已满：%1 还需要 %2。请释放 %3 上的空间；下载会自动继续。</translation>
    </message>
    <message>
        <source>Could not create the download file for %1: %2</source>
        <translation>无法为 %1 创建下载文件：%2</translation>
    </message>
    <message>
        <source>The server stopped sending %1 for %2 s; reconnecting.</source>
        <translation>服务器已有 %2 秒没有发送 %1 的数据；正在重新连接。</translation>
    </message>
    <message>
        <source>The server did not answer for %1 s.</source>
        <translation>服务器 %1 秒没有响应。</translation>
    </message>
    <message>
        <source>no byte for %1 ms</source>
        <translation>%1 毫秒内没有收到数据</translation>
    </message>
    <message>
        <source>The hub now serves %1 with a different size (%2 instead of %3); refresh the model and download it again.</source>
        <translation>平台现在提供的 %1 大小不同（%2，而不是 %3）；请刷新模型后重新下载。</translation>
    </message>
    <message>
        <source>The server sent the wrong part of %1.</source>
        <translation>服务器发送了 %1 的错误部分。</translation>
    </message>
    <message>
        <source>%1 changed on the server during the download.</source>
        <translation>%1 在下载期间于服务器上发生了变化。</translation>
    </message>
    <message>
        <source>The server would not resume %1 where it stopped.</source>
        <translation>服务器不肯从中断处继续下载 %1。</translation>
    </message>
    <message>
        <source>The server ended %1 early.</source>
        <translation>服务器提前结束了 %1 的传输。</translation>
    </message>
    <message>
        <source> Retrying in %1 s.</source>
        <translation> %1 秒后重试。</translation>
    </message>
    <message>
        <source>Gave up on %1 after %2 failed attempts. Last: %3 Retry it later, or ask the hub&apos;s maintainers if it keeps failing.</source>
        <translation>%1 已失败 %2 次，放弃下载。最后一次：%3 请稍后重试；如果一直失败，请联系平台的维护者。</translation>
    </message>
    <message>
        <source>Could not write %1 to disk: %2</source>
        <translation>无法将 %1 写入磁盘：%2</translation>
    </message>
</context>
<context>
    <name>Download::FileVerifier</name>
    <message>
        <source>The downloaded data of %1 disappeared before it could be checked.</source>
        <translation>%1 的已下载数据在校验前消失了。</translation>
    </message>
    <message>
        <source>The downloaded data of %1 could not be read back to check it.</source>
        <translation>无法读回 %1 的已下载数据进行校验。</translation>
    </message>
    <message>
        <source>The downloaded data of %1 could not be written to disk safely.</source>
        <translation>无法将 %1 的已下载数据安全地写入磁盘。</translation>
    </message>
</context>
<context>
    <name>Download::GroupSnapshot</name>
    <message>
        <source>%1/%2 done</source>
        <translation>已完成 %1/%2</translation>
    </message>
    <message>
        <source>, %1 failed</source>
        <translation>，%1 个失败</translation>
    </message>
    <message>
        <source>, %1 paused</source>
        <translation>，%1 个已暂停</translation>
    </message>
    <message>
        <source>, %1 cancelled</source>
        <translation>，%1 个已取消</translation>
    </message>
    <message>
        <source>, %1 left</source>
        <translation>，剩余 %1</translation>
    </message>
</context>
<context>
    <name>Download::IntegrityPipeline</name>
    <message>
        <source>it has %1 bytes, not %2</source>
        <translation>大小为 %1 字节，而不是 %2</translation>
    </message>
    <message>
        <source>its SHA-256 %1… is not the hub&apos;s %2…</source>
        <translation>其 SHA-256 %1… 与平台的 %2… 不符</translation>
    </message>
    <message>
        <source>its git blob id %1… is not the hub&apos;s %2…</source>
        <translation>其 git blob id %1… 与平台的 %2… 不符</translation>
    </message>
    <message>
        <source>%1 failed verification (%2); downloading it again.</source>
        <translation>%1 校验失败（%2）；正在重新下载。</translation>
    </message>
    <message>
        <source> The bad copy was kept as %1.</source>
        <translation> 损坏的副本已保留为 %1。</translation>
    </message>
    <message>
        <source>%1 changed on the hub during the download and no longer matches the listed checksum (%2). Refresh the model and download it again.%3</source>
        <translation>%1 在下载期间于平台上发生了变化，与列出的校验和不再一致（%2）。请刷新模型后重新下载。%3</translation>
    </message>
    <message>
        <source>%1 failed verification twice (%2). The hub&apos;s copy may be damaged; try again later.%3</source>
        <translation>%1 两次校验失败（%2）。平台上的副本可能已损坏；请稍后重试。%3</translation>
    </message>
</context>
<context>
    <name>Download::Journal</name>
    <message>
        <source>Could not open the download journal %1: %2</source>
        <translation>无法打开下载日志 %1：%2</translation>
    </message>
    <message>
        <source>The download journal %1</source>
        <translation>下载日志 %1</translation>
    </message>
</context>
<context>
    <name>Download::PreviewFetch</name>
    <message>
        <source>nothing to fetch</source>
        <translation>没有可获取的内容</translation>
    </message>
    <message>
        <source>larger than %1 bytes</source>
        <translation>大于 %1 字节</translation>
    </message>
    <message>
        <source>the image host sent no bytes</source>
        <translation>图片服务器没有发送任何数据</translation>
    </message>
</context>
<context>
    <name>Download::RangeStream</name>
    <message>
        <source>The server sent part of %1 without saying which part.</source>
        <translation>服务器发送了 %1 的一部分，但没有说明是哪一部分。</translation>
    </message>
    <message>
        <source>The download link for %1 expired; asking the hub for a fresh one.</source>
        <translation>%1 的下载链接已过期；正在向平台请求新链接。</translation>
    </message>
    <message>
        <source>The server gave an unexpected answer for %1.</source>
        <translation>服务器对 %1 给出了意外的响应。</translation>
    </message>
    <message>
        <source>The connection broke off while downloading %1.</source>
        <translation>下载 %1 时连接中断。</translation>
    </message>
    <message>
        <source>The hub now lists %1 with a different SHA-256 (%2… instead of %3…): it changed since the model was last refreshed. Refresh the model and download it again.</source>
        <translation>平台现在列出的 %1 的 SHA-256 不同（%2…，而不是 %3…）：自上次刷新模型以来它已改变。请刷新模型后重新下载。</translation>
    </message>
    <message>
        <source>The download of %1 was redirected somewhere ModelDock will not follow: %2</source>
        <translation>%1 的下载被重定向到 ModelDock 不会跟随的地址：%2</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>没有目标</translation>
    </message>
</context>
<context>
    <name>Hub::CivitaiClient</name>
    <message>
        <source>the Civitai model list</source>
        <translation>Civitai 模型列表</translation>
    </message>
    <message>
        <source>Civitai version %1</source>
        <translation>Civitai 版本 %1</translation>
    </message>
    <message>
        <source>a lookup of 1 file hash</source>
        <translation>查询 1 个文件哈希</translation>
    </message>
    <message>
        <source>a lookup of %1 file hashes</source>
        <translation>查询 %1 个文件哈希</translation>
    </message>
</context>
<context>
    <name>Hub::CivitaiParser</name>
    <message>
        <source>Civitai sent a malformed answer for %1 (%2).</source>
        <translation>Civitai 对 %1 的响应格式有误（%2）。</translation>
    </message>
    <message>
        <source>invalid JSON: </source>
        <translation>无效的 JSON：</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>应为 JSON 对象</translation>
    </message>
    <message>
        <source>it is not an object</source>
        <translation>它不是对象</translation>
    </message>
    <message>
        <source>its name %1 is not a safe file name</source>
        <translation>其名称 %1 不是安全的文件名</translation>
    </message>
    <message>
        <source>%1 claims an absurd size</source>
        <translation>%1 声称的大小不合理</translation>
    </message>
    <message>
        <source>%1 has a malformed SHA-256</source>
        <translation>%1 的 SHA-256 格式有误</translation>
    </message>
    <message>
        <source>%1 has no usable download URL</source>
        <translation>%1 没有可用的下载地址</translation>
    </message>
    <message>
        <source>its download URL is not an http(s) URL</source>
        <translation>其下载地址不是 http(s) 地址</translation>
    </message>
    <message>
        <source>its id is not positive</source>
        <translation>其 ID 不是正数</translation>
    </message>
    <message>
        <source>a version was skipped because %1.</source>
        <translation>跳过了一个版本，因为%1。</translation>
    </message>
    <message>
        <source>%1: a file was skipped because %2.</source>
        <translation>%1：跳过了一个文件，因为%2。</translation>
    </message>
    <message>
        <source>its statistics are unusable: </source>
        <translation>其统计数据不可用：</translation>
    </message>
    <message>
        <source>a Civitai model</source>
        <translation>一个 Civitai 模型</translation>
    </message>
    <message>
        <source>the field &quot;modelVersions&quot; is not a list</source>
        <translation>字段“modelVersions”不是列表</translation>
    </message>
    <message>
        <source>%1 was skipped because %2.</source>
        <translation>已跳过 %1，因为%2。</translation>
    </message>
    <message>
        <source>expected an object with a list of items</source>
        <translation>应为包含条目列表的对象</translation>
    </message>
    <message>
        <source>expected a JSON array</source>
        <translation>应为 JSON 数组</translation>
    </message>
</context>
<context>
    <name>Hub::HfParser</name>
    <message>
        <source>Hugging Face sent a malformed answer for %1 (%2).</source>
        <translation>Hugging Face 对 %1 的响应格式有误（%2）。</translation>
    </message>
    <message>
        <source>invalid JSON: </source>
        <translation>无效的 JSON：</translation>
    </message>
    <message>
        <source>a file entry is not an object</source>
        <translation>某个文件条目不是对象</translation>
    </message>
    <message>
        <source>its LFS data is unusable: </source>
        <translation>其 LFS 数据不可用：</translation>
    </message>
    <message>
        <source>its LFS hash is not a SHA-256</source>
        <translation>其 LFS 哈希不是 SHA-256</translation>
    </message>
    <message>
        <source>the file name %1 is not a safe relative path</source>
        <translation>文件名 %1 不是安全的相对路径</translation>
    </message>
    <message>
        <source>the file %1 claims an absurd size</source>
        <translation>文件 %1 声称的大小不合理</translation>
    </message>
    <message>
        <source>a model entry is not a JSON object</source>
        <translation>某个模型条目不是 JSON 对象</translation>
    </message>
    <message>
        <source>its id is not of the form namespace/name</source>
        <translation>其 ID 不是 namespace/name 的形式</translation>
    </message>
    <message>
        <source>its commit &quot;sha&quot; is not a 40-digit hex id</source>
        <translation>其提交“sha”不是 40 位十六进制 ID</translation>
    </message>
    <message>
        <source>the field &quot;gated&quot; is neither false nor a mode</source>
        <translation>字段“gated”既不是 false 也不是一种模式</translation>
    </message>
    <message>
        <source>the field &quot;siblings&quot; is not a list</source>
        <translation>字段“siblings”不是列表</translation>
    </message>
    <message>
        <source>%1: a file was skipped because %2.</source>
        <translation>%1：跳过了一个文件，因为%2。</translation>
    </message>
    <message>
        <source>%1 was skipped because %2.</source>
        <translation>已跳过 %1，因为%2。</translation>
    </message>
    <message>
        <source>expected a list of models</source>
        <translation>应为模型列表</translation>
    </message>
    <message>
        <source>expected a list of files</source>
        <translation>应为文件列表</translation>
    </message>
    <message>
        <source>%1 is of a kind ModelDock does not know (%2)</source>
        <translation>%1 属于 ModelDock 不认识的类型（%2）</translation>
    </message>
    <message>
        <source>the path %1 is not a safe relative path</source>
        <translation>路径 %1 不是安全的相对路径</translation>
    </message>
    <message>
        <source>it claims an absurd size</source>
        <translation>它声称的大小不合理</translation>
    </message>
    <message>
        <source>it is not an object</source>
        <translation>它不是对象</translation>
    </message>
    <message>
        <source>%1: a file entry was skipped because %2.</source>
        <translation>%1：跳过了一个文件条目，因为%2。</translation>
    </message>
    <message>
        <source>expected an object with a list of branches</source>
        <translation>应为包含分支列表的对象</translation>
    </message>
    <message>
        <source>its target is not a commit id</source>
        <translation>其目标不是提交 ID</translation>
    </message>
    <message>
        <source>the name %1 is not safe</source>
        <translation>名称 %1 不安全</translation>
    </message>
    <message>
        <source>%1: a ref was skipped because %2.</source>
        <translation>%1：跳过了一个 ref，因为%2。</translation>
    </message>
    <message>
        <source>expected an object with a list of items</source>
        <translation>应为包含条目列表的对象</translation>
    </message>
    <message>
        <source>its id %1 is not of the form namespace/name</source>
        <translation>其 ID %1 不是 namespace/name 的形式</translation>
    </message>
    <message>
        <source>%1: an item was skipped because %2.</source>
        <translation>%1：跳过了一个条目，因为%2。</translation>
    </message>
</context>
<context>
    <name>Hub::HuggingFaceClient</name>
    <message>
        <source>%1 is not a valid Hugging Face name.</source>
        <translation>%1 不是有效的 Hugging Face 名称。</translation>
    </message>
    <message>
        <source>the model list</source>
        <translation>模型列表</translation>
    </message>
    <message>
        <source>the card of %1</source>
        <translation>%1 的模型卡片</translation>
    </message>
    <message>
        <source>the collection %1</source>
        <translation>合集 %1</translation>
    </message>
</context>
<context>
    <name>Hub::JsonFetcher</name>
    <message>
        <source>The hub sent an answer larger than %1 MiB for %2; it was not read.</source>
        <translation>平台对 %2 的响应大于 %1 MiB；未读取。</translation>
    </message>
    <message>
        <source>a POST redirected with %1</source>
        <translation>POST 请求被 %1 重定向</translation>
    </message>
    <message>
        <source>The hub redirected the request for %1 somewhere ModelDock does not follow.</source>
        <translation>平台将 %1 的请求重定向到 ModelDock 不会跟随的地址。</translation>
    </message>
    <message>
        <source>The hub answered %1 with an unexpected status %2.</source>
        <translation>平台对 %1 返回了意外的状态 %2。</translation>
    </message>
</context>
<context>
    <name>Hub::JsonFields</name>
    <message>
        <source>the field &quot;%1&quot; is missing</source>
        <translation>缺少字段“%1”</translation>
    </message>
    <message>
        <source>the field &quot;%1&quot; is not %2</source>
        <translation>字段“%1”不是%2</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>the field &quot;%1&quot; is empty</source>
        <translation>字段“%1”为空</translation>
    </message>
    <message>
        <source>a whole non-negative number</source>
        <translation>非负整数</translation>
    </message>
    <message>
        <source>a non-negative number</source>
        <translation>非负数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a list of strings</source>
        <translation>字符串列表</translation>
    </message>
    <message>
        <source>an ISO-8601 date</source>
        <translation>ISO-8601 日期</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
</context>
<context>
    <name>Identify::IdentifyReport</name>
    <message>
        <source>identified %1 of 1 file</source>
        <translation>在 1 个文件中识别出 %1 个</translation>
    </message>
    <message>
        <source>identified %1 of %2 files</source>
        <translation>在 %2 个文件中识别出 %1 个</translation>
    </message>
    <message>
        <source> in 1 request</source>
        <translation>，共 1 次请求</translation>
    </message>
    <message>
        <source> in %1 requests</source>
        <translation>，共 %1 次请求</translation>
    </message>
    <message>
        <source>; %1 unknown</source>
        <translation>；%1 个未知</translation>
    </message>
    <message>
        <source>; 1 has a newer version</source>
        <translation>；1 个有新版本</translation>
    </message>
    <message>
        <source>; %1 have a newer version</source>
        <translation>；%1 个有新版本</translation>
    </message>
</context>
<context>
    <name>Identify::IdentityStore</name>
    <message>
        <source>the identities file %1</source>
        <translation>识别记录文件 %1</translation>
    </message>
</context>
<context>
    <name>Identify::ModelIdentifier</name>
    <message>
        <source>Could not keep what Civitai said in %1: %2</source>
        <translation>无法将 Civitai 的答复保存到 %1：%2</translation>
    </message>
</context>
<context>
    <name>Identify::SidecarWriter</name>
    <message>
        <source>No sidecar for %1: %2</source>
        <translation>未为 %1 写入附属文件：%2</translation>
    </message>
    <message>
        <source>No preview for %1: %2</source>
        <translation>未为 %1 获取预览图：%2</translation>
    </message>
</context>
<context>
    <name>Insight</name>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Tensor types</source>
        <translation>张量类型</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Embedding size</source>
        <translation>嵌入维度</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>%1 (%2 for keys and values)</source>
        <translation>%1（键值 %2 个）</translation>
    </message>
    <message>
        <source>Chat template</source>
        <translation>聊天模板</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <source>no</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>%1, %2 tokens</source>
        <translation>%1，%2 个词元</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>分卷</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation>%1 个文件</translation>
    </message>
    <message>
        <source>Data types</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>%1, dim %2, alpha %3</source>
        <translation>%1，维度 %2，alpha %3</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Trigger words</source>
        <translation>触发词</translation>
    </message>
    <message>
        <source>Fits in GPU</source>
        <translation>显存可容纳</translation>
    </message>
    <message>
        <source>GPU + RAM</source>
        <translation>显存 + 内存</translation>
    </message>
    <message>
        <source>Fits in RAM</source>
        <translation>内存可容纳</translation>
    </message>
    <message>
        <source>Too big for this machine</source>
        <translation>本机容纳不下</translation>
    </message>
    <message>
        <source>Needs %1 at %2 tokens of context (weights %3, KV cache %4, buffers %5)</source>
        <translation>上下文 %2 个词元时需要 %1（权重 %3，KV 缓存 %4，缓冲区 %5）</translation>
    </message>
    <message>
        <source>RAM %1 (%2 free)</source>
        <translation>内存 %1（可用 %2）</translation>
    </message>
    <message>
        <source>, GPU %1 (%2)</source>
        <translation>，显存 %1（%2）</translation>
    </message>
    <message>
        <source>, no GPU memory reported</source>
        <translation>，未报告显存</translation>
    </message>
</context>
<context>
    <name>Insight::GgufHeader</name>
    <message>
        <source>The GGUF header continues past the %1 bytes read; read at least %2 more.</source>
        <translation>GGUF 文件头超出了已读取的 %1 字节；至少还需读取 %2 字节。</translation>
    </message>
    <message>
        <source>The GGUF header runs past the end of the %1-byte file; the file is damaged.</source>
        <translation>GGUF 文件头超出了 %1 字节文件的末尾；文件已损坏。</translation>
    </message>
    <message>
        <source>The GGUF header is larger than %1 MiB; the file is damaged or not a model.</source>
        <translation>GGUF 文件头大于 %1 MiB；文件已损坏或不是模型。</translation>
    </message>
    <message>
        <source>The GGUF header has a %1 of %2 bytes at offset %3, longer than the %4 allowed; the file is damaged.</source>
        <translation>GGUF 文件头在偏移 %3 处有一个 %2 字节的%1，超过了允许的 %4；文件已损坏。</translation>
    </message>
    <message>
        <source>string value</source>
        <translation>字符串值</translation>
    </message>
    <message>
        <source>The GGUF key &quot;%1&quot; has the unknown value type %2; the file is damaged or newer than ModelDock.</source>
        <translation>GGUF 键“%1”的值类型 %2 未知；文件已损坏或比 ModelDock 更新。</translation>
    </message>
    <message>
        <source>The GGUF array &quot;%1&quot; has the unknown element type %2; the file is damaged or newer than ModelDock.</source>
        <translation>GGUF 数组“%1”的元素类型 %2 未知；文件已损坏或比 ModelDock 更新。</translation>
    </message>
    <message>
        <source>The GGUF array &quot;%1&quot; nests arrays deeper than %2 levels; the file is damaged.</source>
        <translation>GGUF 数组“%1”的嵌套深度超过 %2 层；文件已损坏。</translation>
    </message>
    <message>
        <source>The GGUF array &quot;%1&quot; claims %2 elements, more than the file can hold; the file is damaged.</source>
        <translation>GGUF 数组“%1”声称有 %2 个元素，超出了文件的容量；文件已损坏。</translation>
    </message>
    <message>
        <source>string in an array</source>
        <translation>数组中的字符串</translation>
    </message>
    <message>
        <source>The GGUF key &quot;%1&quot; appears twice; the file is damaged.</source>
        <translation>GGUF 键“%1”出现了两次；文件已损坏。</translation>
    </message>
    <message>
        <source>tensor name</source>
        <translation>张量名</translation>
    </message>
    <message>
        <source>The GGUF tensor &quot;%1&quot; has %2 dimensions, more than ggml&apos;s %3; the file is damaged.</source>
        <translation>GGUF 张量“%1”有 %2 个维度，超过了 ggml 的 %3 个；文件已损坏。</translation>
    </message>
    <message>
        <source>The GGUF tensor &quot;%1&quot; has dimensions whose product overflows; the file is damaged.</source>
        <translation>GGUF 张量“%1”的维度乘积溢出；文件已损坏。</translation>
    </message>
    <message>
        <source>The GGUF tensors add up to more than 2^64 parameters at tensor %1; the file is damaged.</source>
        <translation>GGUF 张量到第 %1 个时参数总数已超过 2^64；文件已损坏。</translation>
    </message>
    <message>
        <source>This is not a GGUF file: it does not start with &quot;GGUF&quot;.</source>
        <translation>这不是 GGUF 文件：它不以“GGUF”开头。</translation>
    </message>
    <message>
        <source>This GGUF file is big-endian; ModelDock reads only little-endian GGUF files.</source>
        <translation>此 GGUF 文件为大端字节序；ModelDock 只读取小端字节序的 GGUF 文件。</translation>
    </message>
    <message>
        <source>This GGUF file has version 1, which is no longer in use; ModelDock reads versions 2 and 3.</source>
        <translation>此 GGUF 文件为版本 1，该版本已不再使用；ModelDock 读取版本 2 和 3。</translation>
    </message>
    <message>
        <source>This GGUF file has the unknown version %1; ModelDock reads versions 2 and 3.</source>
        <translation>此 GGUF 文件的版本 %1 未知；ModelDock 读取版本 2 和 3。</translation>
    </message>
    <message>
        <source>The GGUF header claims %1 tensors, more than the file can hold; the file is damaged.</source>
        <translation>GGUF 文件头声称有 %1 个张量，超出了文件的容量；文件已损坏。</translation>
    </message>
    <message>
        <source>The GGUF header claims %1 metadata keys, more than the file can hold; the file is damaged.</source>
        <translation>GGUF 文件头声称有 %1 个元数据键，超出了文件的容量；文件已损坏。</translation>
    </message>
    <message>
        <source>The GGUF alignment %1 is not a power of two; the file is damaged.</source>
        <translation>GGUF 对齐值 %1 不是 2 的幂；文件已损坏。</translation>
    </message>
</context>
<context>
    <name>Insight::HeaderFetcher</name>
    <message>
        <source>%1 is neither a GGUF nor a safetensors file; only their headers are read.</source>
        <translation>%1 既不是 GGUF 也不是 safetensors 文件；只读取这两种文件的文件头。</translation>
    </message>
    <message>
        <source>The server answered the header read of %1 with a range it was not asked for.</source>
        <translation>读取 %1 的文件头时，服务器返回了未请求的字节范围。</translation>
    </message>
    <message>
        <source>The header read of %1 was redirected somewhere ModelDock will not follow: %2</source>
        <translation>读取 %1 的文件头时被重定向到 ModelDock 不会跟随的地址：%2</translation>
    </message>
    <message>
        <source>the header of %1</source>
        <translation>%1 的文件头</translation>
    </message>
    <message>
        <source>The header of %1 is longer than the %2 MiB ModelDock reads to describe a file.</source>
        <translation>%1 的文件头超过了 ModelDock 为描述文件而读取的 %2 MiB。</translation>
    </message>
</context>
<context>
    <name>Insight::ModelInsight</name>
    <message>
        <source>%1 has no GGUF or safetensors file to read.</source>
        <translation>%1 没有可读取的 GGUF 或 safetensors 文件。</translation>
    </message>
    <message>
        <source>The catalog has no address for %1; sync and try again.</source>
        <translation>目录中没有 %1 的地址；请同步后重试。</translation>
    </message>
</context>
<context>
    <name>Insight::SafetensorsHeader</name>
    <message>
        <source>The file is %1 bytes long, too short for a safetensors header; the file is damaged.</source>
        <translation>文件长 %1 字节，不足以容纳 safetensors 文件头；文件已损坏。</translation>
    </message>
    <message>
        <source>The safetensors header continues past the %1 bytes read; read at least %2 more.</source>
        <translation>safetensors 文件头超出了已读取的 %1 字节；至少还需读取 %2 字节。</translation>
    </message>
    <message>
        <source>The safetensors header claims %1 bytes, more than the %2 MiB allowed; the file is damaged or not safetensors.</source>
        <translation>safetensors 文件头声称有 %1 字节，超过了允许的 %2 MiB；文件已损坏或不是 safetensors 文件。</translation>
    </message>
    <message>
        <source>The safetensors header is %1 bytes long, too short for a JSON object; the file is damaged.</source>
        <translation>safetensors 文件头长 %1 字节，不足以容纳 JSON 对象；文件已损坏。</translation>
    </message>
    <message>
        <source>The safetensors header claims %1 bytes, past the end of the %2-byte file; the file is damaged.</source>
        <translation>safetensors 文件头声称有 %1 字节，超出了 %2 字节文件的末尾；文件已损坏。</translation>
    </message>
    <message>
        <source>The safetensors header is not a JSON object (%1 at byte %2); the file is damaged.</source>
        <translation>safetensors 文件头不是 JSON 对象（第 %2 字节处：%1）；文件已损坏。</translation>
    </message>
    <message>
        <source>another JSON value</source>
        <translation>其他 JSON 值</translation>
    </message>
    <message>
        <source>The safetensors __metadata__ is not a JSON object; the file is damaged.</source>
        <translation>safetensors 的 __metadata__ 不是 JSON 对象；文件已损坏。</translation>
    </message>
    <message>
        <source>The safetensors tensor &quot;%1&quot; has no dtype or shape; the file is damaged.</source>
        <translation>safetensors 张量“%1”没有 dtype 或 shape；文件已损坏。</translation>
    </message>
    <message>
        <source>The safetensors tensor &quot;%1&quot; has a dimension that is not a whole number; the file is damaged.</source>
        <translation>safetensors 张量“%1”有一个维度不是整数；文件已损坏。</translation>
    </message>
    <message>
        <source>The safetensors tensor &quot;%1&quot; has dimensions whose product overflows; the file is damaged.</source>
        <translation>safetensors 张量“%1”的维度乘积溢出；文件已损坏。</translation>
    </message>
    <message>
        <source>The safetensors tensors add up to more than 2^64 parameters; the file is damaged.</source>
        <translation>safetensors 张量的参数总数超过 2^64；文件已损坏。</translation>
    </message>
</context>
<context>
    <name>Library::ArchiveEntryName</name>
    <message>
        <source>it is an absolute path</source>
        <translation>它是绝对路径</translation>
    </message>
    <message>
        <source>it is an absolute Windows path</source>
        <translation>它是 Windows 绝对路径</translation>
    </message>
    <message>
        <source>it contains &quot;..&quot;, which would leave the folder</source>
        <translation>它包含“..”，会跳出文件夹</translation>
    </message>
    <message>
        <source>it has no name</source>
        <translation>它没有名称</translation>
    </message>
    <message>
        <source>its path is longer than %1 bytes</source>
        <translation>其路径长于 %1 字节</translation>
    </message>
    <message>
        <source>it links to the absolute path &quot;%1&quot;</source>
        <translation>它链接到绝对路径“%1”</translation>
    </message>
    <message>
        <source>it links to &quot;%1&quot;, outside the folder</source>
        <translation>它链接到文件夹之外的“%1”</translation>
    </message>
    <message>
        <source>its link target is empty</source>
        <translation>其链接目标为空</translation>
    </message>
</context>
<context>
    <name>Library::ArchiveExtractor</name>
    <message>
        <source>and %1 more</source>
        <translation>另有 %1 项</translation>
    </message>
    <message>
        <source>Left out %1: %2.</source>
        <translation>略过了 %1：%2。</translation>
    </message>
    <message>
        <source>%1 entry</source>
        <translation>%1 个条目</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 个条目</translation>
    </message>
    <message>
        <source>Extracted %1</source>
        <translation>已解压 %1</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>%1 个文件</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation>%1 个文件</translation>
    </message>
    <message>
        <source> and %1</source>
        <translation>和 %1</translation>
    </message>
    <message>
        <source>%1 link</source>
        <translation>%1 个链接</translation>
    </message>
    <message>
        <source>%1 links</source>
        <translation>%1 个链接</translation>
    </message>
    <message>
        <source> (%1) to %2.</source>
        <translation>（%1）到 %2。</translation>
    </message>
    <message>
        <source> Renamed %1 to be safe on disk: %2.</source>
        <translation>为在磁盘上安全保存，重命名了 %1：%2。</translation>
    </message>
</context>
<context>
    <name>Library::ArchiveInstaller</name>
    <message>
        <source> The archive stays at %1.</source>
        <translation>压缩包保留在 %1。</translation>
    </message>
    <message>
        <source> Free space on %1 and download it again to extract it.%2</source>
        <translation>请释放 %1 上的空间，然后重新下载以解压。%2</translation>
    </message>
    <message>
        <source> Extract it by hand only if you trust it.</source>
        <translation>只有在信任它时才手动解压。</translation>
    </message>
    <message>
        <source>Could not extract %1: the archive is not there any more.</source>
        <translation>无法解压 %1：压缩包已不存在。</translation>
    </message>
    <message>
        <source>Could not extract %1: %2</source>
        <translation>无法解压 %1：%2</translation>
    </message>
    <message>
        <source> The archive was removed (library.keepArchives is off).</source>
        <translation>压缩包已删除（library.keepArchives 已关闭）。</translation>
    </message>
</context>
<context>
    <name>Library::BlobLock</name>
    <message>
        <source>cannot create the folder of %1</source>
        <translation>无法创建 %1 所在的文件夹</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>cannot lock %1: %2</source>
        <translation>无法锁定 %1：%2</translation>
    </message>
</context>
<context>
    <name>Library::DurableFiles</name>
    <message>
        <source>Could not open &quot;%1&quot; to flush it to disk: %2.</source>
        <translation>无法打开“%1”以将其刷写到磁盘：%2。</translation>
    </message>
    <message>
        <source>Could not flush &quot;%1&quot; to disk: %2.</source>
        <translation>无法将“%1”刷写到磁盘：%2。</translation>
    </message>
    <message>
        <source>Could not create the folder &quot;%1&quot;.</source>
        <translation>无法创建文件夹“%1”。</translation>
    </message>
    <message>
        <source>Could not move &quot;%1&quot; to &quot;%2&quot;: %3.</source>
        <translation>无法将“%1”移动到“%2”：%3。</translation>
    </message>
    <message>
        <source>Could not write &quot;%1&quot;: %2.</source>
        <translation>无法写入“%1”：%2。</translation>
    </message>
    <message>
        <source>Could not link &quot;%1&quot;: a folder of that name is in the way.</source>
        <translation>无法链接“%1”：已有同名文件夹挡住了。</translation>
    </message>
    <message>
        <source>Could not create the link &quot;%1&quot;: %2.</source>
        <translation>无法创建链接“%1”：%2。</translation>
    </message>
</context>
<context>
    <name>Library::ExtractionRun</name>
    <message>
        <source>it is a character device</source>
        <translation>它是字符设备</translation>
    </message>
    <message>
        <source>it is a block device</source>
        <translation>它是块设备</translation>
    </message>
    <message>
        <source>it is a named pipe (FIFO)</source>
        <translation>它是命名管道（FIFO）</translation>
    </message>
    <message>
        <source>it is a socket</source>
        <translation>它是套接字</translation>
    </message>
    <message>
        <source>it is not a file, a folder or a link</source>
        <translation>它不是文件、文件夹或链接</translation>
    </message>
    <message>
        <source>an earlier entry already has that name</source>
        <translation>前面已有条目使用了这个名称</translation>
    </message>
    <message>
        <source>a folder on its path is a link or a file</source>
        <translation>其路径上的某个文件夹是链接或文件</translation>
    </message>
    <message>
        <source>its name is too long for this file system</source>
        <translation>其名称对此文件系统来说太长</translation>
    </message>
    <message>
        <source>this file system does not accept its name</source>
        <translation>此文件系统不接受其名称</translation>
    </message>
    <message>
        <source>it links to an entry that is not in the archive before it</source>
        <translation>它链接到的条目不在压缩包中它之前的位置</translation>
    </message>
    <message>
        <source>it links to something that is not a file</source>
        <translation>它链接到的不是文件</translation>
    </message>
    <message>
        <source>it has more than %1, the limit for one archive</source>
        <translation>它超过了 %1，即单个压缩包的上限</translation>
    </message>
    <message>
        <source>it could not be read (%1)</source>
        <translation>无法读取它（%1）</translation>
    </message>
    <message>
        <source>it has no name</source>
        <translation>它没有名称</translation>
    </message>
    <message>
        <source>it is encrypted, and ModelDock asks for no password</source>
        <translation>它已加密，而 ModelDock 不询问密码</translation>
    </message>
    <message>
        <source>; only files, folders and links are extracted</source>
        <translation>；只解压文件、文件夹和链接</translation>
    </message>
    <message>
        <source>its data could not be read (%1)</source>
        <translation>无法读取其数据（%1）</translation>
    </message>
    <message>
        <source>its data claims an impossible place in the file (offset %1)</source>
        <translation>其数据声称位于文件中不可能的位置（偏移 %1）</translation>
    </message>
    <message>
        <source>it is a hard link to &quot;%1&quot;, and %2</source>
        <translation>它是指向“%1”的硬链接，而%2</translation>
    </message>
    <message>
        <source>that is the folder itself</source>
        <translation>那就是文件夹本身</translation>
    </message>
    <message>
        <source>it links outside the folder through another link</source>
        <translation>它通过另一个链接指向文件夹之外</translation>
    </message>
    <message>
        <source>it holds no files</source>
        <translation>其中没有文件</translation>
    </message>
    <message>
        <source>nothing in it was safe to extract</source>
        <translation>其中没有可安全解压的内容</translation>
    </message>
    <message>
        <source>&quot;%1&quot; already exists and was left as it is</source>
        <translation>“%1”已存在，保持原样</translation>
    </message>
    <message>
        <source>it expands to more than %1 times its own size (%2 to %3 with &quot;%4&quot;), as a zip bomb does</source>
        <translation>它解压后超过自身大小的 %1 倍（%2 到 %3，见“%4”），就像 zip 炸弹那样</translation>
    </message>
    <message>
        <source>its contents exceed %1, the size limit for one archive (%2 with &quot;%3&quot;)</source>
        <translation>其内容超过了单个压缩包的大小上限 %1（%2，见“%3”）</translation>
    </message>
    <message>
        <source> at &quot;%1&quot;</source>
        <translation>（位于“%1”）</translation>
    </message>
    <message>
        <source>the disk is full%1 (%2 written)</source>
        <translation>磁盘已满%1（已写入 %2）</translation>
    </message>
    <message>
        <source>writing failed%1: %2</source>
        <translation>写入失败%1：%2</translation>
    </message>
    <message>
        <source>it could not be read as an archive (%1)</source>
        <translation>无法将其作为压缩包读取（%1）</translation>
    </message>
    <message>
        <source>it was cancelled</source>
        <translation>已被取消</translation>
    </message>
    <message>
        <source> Nothing of it was kept.</source>
        <translation>未保留任何内容。</translation>
    </message>
    <message>
        <source>Could not extract %1: %2.%3</source>
        <translation>无法解压 %1：%2。%3</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
</context>
<context>
    <name>Library::LibraryIndex</name>
    <message>
        <source>the library index %1</source>
        <translation>模型库索引 %1</translation>
    </message>
    <message>
        <source>Could not update the library index: %1</source>
        <translation>无法更新模型库索引：%1</translation>
    </message>
</context>
<context>
    <name>Library::LibraryLayout</name>
    <message>
        <source>the folder &quot;%1&quot; %2</source>
        <translation>文件夹“%1”%2</translation>
    </message>
    <message>
        <source>is empty; remove the type to use the layout&apos;s folder</source>
        <translation>为空；删除该类型即可使用布局的文件夹</translation>
    </message>
    <message>
        <source>must be relative to the library folder</source>
        <translation>必须是相对于模型库文件夹的路径</translation>
    </message>
    <message>
        <source>must not leave the library folder with &quot;..&quot;</source>
        <translation>不能用“..”跳出模型库文件夹</translation>
    </message>
    <message>
        <source>is not a usable folder name</source>
        <translation>不是可用的文件夹名称</translation>
    </message>
    <message>
        <source>must be a JSON object of Civitai type to folder, such as {&quot;LORA&quot;: &quot;models/loras&quot;}</source>
        <translation>必须是从 Civitai 类型到文件夹的 JSON 对象，例如 {&quot;LORA&quot;: &quot;models/loras&quot;}</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Civitai model type (one of %2)</source>
        <translation>“%1”不是 Civitai 模型类型（可选：%2）</translation>
    </message>
    <message>
        <source>the folder of %1 must be text</source>
        <translation>%1 的文件夹必须是文本</translation>
    </message>
</context>
<context>
    <name>Library::SafePath</name>
    <message>
        <source>it contains an empty path segment</source>
        <translation>它包含空的路径段</translation>
    </message>
    <message>
        <source>it contains &quot;%1&quot;, which would leave its folder</source>
        <translation>它包含“%1”，会跳出其文件夹</translation>
    </message>
    <message>
        <source>it contains a slash inside a name</source>
        <translation>它的名称中含有斜杠</translation>
    </message>
    <message>
        <source>it contains a backslash</source>
        <translation>它包含反斜杠</translation>
    </message>
    <message>
        <source>it contains a NUL character</source>
        <translation>它包含 NUL 字符</translation>
    </message>
    <message>
        <source>it contains a control character</source>
        <translation>它包含控制字符</translation>
    </message>
    <message>
        <source>a name in it is longer than %1 bytes</source>
        <translation>其中某个名称长于 %1 字节</translation>
    </message>
    <message>
        <source>Refused the file name &quot;%1&quot;: %2.</source>
        <translation>拒绝文件名“%1”：%2。</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>它为空</translation>
    </message>
    <message>
        <source>it is an absolute path</source>
        <translation>它是绝对路径</translation>
    </message>
</context>
<context>
    <name>Library::StorageLayout</name>
    <message>
        <source>The download folder &quot;%1&quot; is not an absolute path.</source>
        <translation>下载文件夹“%1”不是绝对路径。</translation>
    </message>
    <message>
        <source>Refused the repository name &quot;%1&quot;: it is not of the form namespace/name.</source>
        <translation>拒绝仓库名“%1”：它不是 namespace/name 的形式。</translation>
    </message>
    <message>
        <source>Refused the commit &quot;%1&quot; of %2: it is not a 40-digit hex commit id.</source>
        <translation>拒绝 %2 的提交“%1”：它不是 40 位十六进制提交 ID。</translation>
    </message>
    <message>
        <source>Refused the file &quot;%1&quot; of %2: its blob id &quot;%3&quot; is not a SHA-256 or git object id.</source>
        <translation>拒绝 %2 的文件“%1”：其数据块 ID“%3”不是 SHA-256 或 git 对象 ID。</translation>
    </message>
    <message>
        <source>Refused the revision name &quot;%1&quot; of %2.</source>
        <translation>拒绝 %2 的修订版本名“%1”。</translation>
    </message>
    <message>
        <source>Could not finish &quot;%1&quot;: the downloaded data at &quot;%2&quot; is missing.</source>
        <translation>无法完成“%1”：位于“%2”的已下载数据不见了。</translation>
    </message>
    <message>
        <source>Could not link &quot;%1&quot; of %2: its blob is not in the cache.</source>
        <translation>无法链接 %2 的“%1”：其数据块不在缓存中。</translation>
    </message>
</context>
<context>
    <name>Net::RequestFactory</name>
    <message>
        <source>too many redirects (more than %1)</source>
        <translation>重定向次数过多（超过 %1 次）</translation>
    </message>
    <message>
        <source>the redirect target is not a valid URL</source>
        <translation>重定向目标不是有效的地址</translation>
    </message>
    <message>
        <source>the redirect leads to an unsupported scheme (%1)</source>
        <translation>重定向指向不支持的协议（%1）</translation>
    </message>
    <message>
        <source>the redirect would downgrade from https to plain http</source>
        <translation>重定向会从 https 降级为普通 http</translation>
    </message>
</context>
<context>
    <name>Plan::DownloadPlanner</name>
    <message>
        <source>HF_HUB_OFFLINE is set, so nothing is asked of the hubs, and %1 can only be planned by asking its hub. Unset HF_HUB_OFFLINE to download it.</source>
        <translation>已设置 HF_HUB_OFFLINE，因此不询问平台，而 %1 只有询问其平台才能规划下载。取消设置 HF_HUB_OFFLINE 即可下载。</translation>
    </message>
    <message>
        <source>The hub did not say which commit &quot;%1&quot; of %2 is, so nothing can be downloaded.</source>
        <translation>平台没有说明 %2 的“%1”是哪个提交，因此无法下载任何内容。</translation>
    </message>
    <message>
        <source>%1 has no files at &quot;%2&quot;.</source>
        <translation>%1 在“%2”中没有文件。</translation>
    </message>
    <message>
        <source>No file of %1 at &quot;%2&quot; matches the --include/--exclude patterns.</source>
        <translation>%1 在“%2”中没有文件匹配 --include/--exclude 模式。</translation>
    </message>
    <message>
        <source>HF_HUB_OFFLINE is set, so nothing is downloaded, and %1 (%2) is not in the Hugging Face cache %3. Unset HF_HUB_OFFLINE to download it.</source>
        <translation>已设置 HF_HUB_OFFLINE，因此不下载任何内容，而 %1（%2）不在 Hugging Face 缓存 %3 中。取消设置 HF_HUB_OFFLINE 即可下载。</translation>
    </message>
    <message>
        <source>%1: %2 is not complete in the cache (HF_HUB_OFFLINE is set).</source>
        <translation>%1：%2 在缓存中不完整（已设置 HF_HUB_OFFLINE）。</translation>
    </message>
    <message>
        <source>No file of %1 at &quot;%2&quot; in the cache matches (HF_HUB_OFFLINE is set).</source>
        <translation>缓存中 %1 在“%2”的文件没有一个匹配（已设置 HF_HUB_OFFLINE）。</translation>
    </message>
    <message>
        <source>%1 in the collection %2 is a %3, not a model; only models are downloaded.</source>
        <translation>合集 %2 中的 %1 是 %3，不是模型；只下载模型。</translation>
    </message>
    <message>
        <source>An item</source>
        <translation>某个条目</translation>
    </message>
    <message>
        <source>The collection %1 holds no models.</source>
        <translation>合集 %1 中没有模型。</translation>
    </message>
    <message>
        <source>Nothing in the collection %1 could be downloaded.</source>
        <translation>合集 %1 中没有可下载的内容。</translation>
    </message>
    <message>
        <source>Civitai model %1 (%2) has no published version %3.</source>
        <translation>Civitai 模型 %1（%2）没有已发布的版本 %3。</translation>
    </message>
    <message>
        <source>Civitai model %1 (%2) has no published versions.</source>
        <translation>Civitai 模型 %1（%2）没有已发布的版本。</translation>
    </message>
    <message>
        <source>Civitai model %1 version %2 (%3): no file matches --include/--exclude; it has %4.</source>
        <translation>Civitai 模型 %1 版本 %2（%3）：没有文件匹配 --include/--exclude；它有 %4。</translation>
    </message>
    <message>
        <source>Civitai model %1 version %2 (%3): took the primary file %4; it also has %5 (pick one with --include).</source>
        <translation>Civitai 模型 %1 版本 %2（%3）：选用了主文件 %4；它还有 %5（可用 --include 选择）。</translation>
    </message>
    <message>
        <source>Civitai model %1 has nothing to download.</source>
        <translation>Civitai 模型 %1 没有可下载的内容。</translation>
    </message>
</context>
<context>
    <name>Plan::DownloadTarget</name>
    <message>
        <source>&quot;%1&quot; is not something to download: %2.</source>
        <translation>“%1”不是可下载的内容：%2。</translation>
    </message>
    <message>
        <source>expected civitai:MODEL_ID or civitai:MODEL_ID@VERSION_ID with numeric ids</source>
        <translation>应为 civitai:MODEL_ID 或 civitai:MODEL_ID@VERSION_ID，ID 为数字</translation>
    </message>
    <message>
        <source>the version after &apos;@&apos; must be a numeric id</source>
        <translation>“@”后的版本必须是数字 ID</translation>
    </message>
    <message>
        <source>expected collection:NAMESPACE/SLUG</source>
        <translation>应为 collection:NAMESPACE/SLUG</translation>
    </message>
    <message>
        <source>expected NAMESPACE/NAME[@REVISION], civitai:MODEL_ID or collection:NAMESPACE/SLUG</source>
        <translation>应为 NAMESPACE/NAME[@REVISION]、civitai:MODEL_ID 或 collection:NAMESPACE/SLUG</translation>
    </message>
    <message>
        <source>the revision after &apos;@&apos; must be a branch, tag or commit name</source>
        <translation>“@”后的修订版本必须是分支、标签或提交名</translation>
    </message>
</context>
<context>
    <name>Plan::LmStudioSharing</name>
    <message>
        <source>Shared with LM Studio: %1</source>
        <translation>已共享给 LM Studio：%1</translation>
    </message>
</context>
<context>
    <name>Plan::PickResolver</name>
    <message>
        <source>%1 has no variant &quot;%2&quot; any more; sync to see what it holds now.</source>
        <translation>%1 已没有变体“%2”；请同步以查看它现在包含的内容。</translation>
    </message>
</context>
<context>
    <name>Plan::RequestBuilder</name>
    <message>
        <source>Civitai model %1 (%2), version %3</source>
        <translation>Civitai 模型 %1（%2），版本 %3</translation>
    </message>
    <message>
        <source>the model is archived and its files can no longer be downloaded.</source>
        <translation>该模型已归档，其文件无法再下载。</translation>
    </message>
    <message>
        <source>the version has no primary file to download.</source>
        <translation>该版本没有可下载的主文件。</translation>
    </message>
    <message>
        <source>the version has no file &quot;%1&quot;.</source>
        <translation>该版本没有文件“%1”。</translation>
    </message>
    <message>
        <source>the hub gave no download address.</source>
        <translation>平台没有给出下载地址。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Could not move %1 to %2 (%3); it is still in the old folder.</source>
        <translation>无法将 %1 移动到 %2（%3）；它仍在原文件夹中。</translation>
    </message>
    <message>
        <source>Moved %1 to %2.</source>
        <translation>已将 %1 移动到 %2。</translation>
    </message>
    <message>
        <source>Moved the contents of %1 to %2.</source>
        <translation>已将 %1 的内容移动到 %2。</translation>
    </message>
    <message>
        <source>Kept %1 in %2: the new folders already had them.</source>
        <translation>%1 保留在 %2 中：新文件夹中已有这些内容。</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>cannot copy %1: %2</source>
        <translation>无法复制 %1：%2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>hard link</source>
        <translation>硬链接</translation>
    </message>
    <message>
        <source>reflink</source>
        <translation>写时复制链接（reflink）</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>%1 is gone</source>
        <translation>%1 已不存在</translation>
    </message>
    <message>
        <source>%1 has %2 bytes, not %3</source>
        <translation>%1 的大小为 %2 字节，而不是 %3</translation>
    </message>
    <message>
        <source>%1 holds other content (SHA-256 %2)</source>
        <translation>%1 的内容不同（SHA-256 %2）</translation>
    </message>
    <message>
        <source>cannot link %1 to %2: %3</source>
        <translation>无法将 %1 链接到 %2：%3</translation>
    </message>
    <message>
        <source>cannot rename %1: %2</source>
        <translation>无法重命名 %1：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; of %2 cannot be named in LM Studio&apos;s folder.</source>
        <translation>%2 的“%1”无法在 LM Studio 的文件夹中命名。</translation>
    </message>
    <message>
        <source>LM Studio already has another file named %1 in %2; it was left as it is.</source>
        <translation>LM Studio 在 %2 中已有另一个名为 %1 的文件；已保持原样。</translation>
    </message>
    <message>
        <source>Could not create %1.</source>
        <translation>无法创建 %1。</translation>
    </message>
    <message>
        <source>Could not link %1 into LM Studio&apos;s folder: %2.</source>
        <translation>无法将 %1 链接到 LM Studio 的文件夹：%2。</translation>
    </message>
    <message>
        <source>in the settings (Hugging Face access token)</source>
        <translation>（在设置中的“Hugging Face 访问令牌”）</translation>
    </message>
    <message>
        <source>in the settings (Civitai API key)</source>
        <translation>（在设置中的“Civitai API 密钥”）</translation>
    </message>
    <message>
        <source>in the settings</source>
        <translation>（在设置中）</translation>
    </message>
    <message>
        <source>The download of %1 was cancelled.</source>
        <translation>%1 的下载已取消。</translation>
    </message>
    <message>
        <source>%1: the server did not answer in time. Check your connection if this keeps happening.</source>
        <translation>%1：服务器未及时响应。如果反复出现，请检查网络连接。</translation>
    </message>
    <message>
        <source>%1: the connection is not secure (%2), so nothing was downloaded. Check the endpoint or mirror in the settings.</source>
        <translation>%1：连接不安全（%2），因此未下载任何内容。请检查设置中的服务地址或镜像。</translation>
    </message>
    <message>
        <source>%1: the network failed (%2). Check your connection or proxy if this keeps happening.</source>
        <translation>%1：网络出错（%2）。如果反复出现，请检查网络连接或代理。</translation>
    </message>
    <message>
        <source>%1 is a gated model: log in by setting a Hugging Face token %2, and request access on the model page if you have not yet.</source>
        <translation>%1 是受限模型：请设置 Hugging Face 令牌以登录%2，如尚未申请，请在模型页面申请访问权限。</translation>
    </message>
    <message>
        <source>%1 is a gated model and your account is not approved yet: request access on the model page, then try again.</source>
        <translation>%1 是受限模型，你的账户尚未获批：请在模型页面申请访问权限，然后重试。</translation>
    </message>
    <message>
        <source>%1 was not found on the hub: it may have been removed or renamed, or it is private (then set a token that can see it %2).</source>
        <translation>平台上找不到 %1：它可能已被删除或重命名，或者是私有模型（此时请设置有权访问它的令牌%2）。</translation>
    </message>
    <message>
        <source>%1: the creator has disabled downloads of this file.</source>
        <translation>%1：作者已禁止下载此文件。</translation>
    </message>
    <message>
        <source>%1: the hub rejected your token. Check the token %2.</source>
        <translation>%1：平台拒绝了你的令牌。请检查令牌%2。</translation>
    </message>
    <message>
        <source>%1 requires you to be logged in: set an access token for this hub %2, then try again.</source>
        <translation>%1 需要登录：请为此平台设置访问令牌%2，然后重试。</translation>
    </message>
    <message>
        <source>%1 is in early access: it can be downloaded once early access ends, or with early access bought on the model page.</source>
        <translation>%1 处于抢先体验阶段：抢先体验结束后即可下载，或在模型页面购买抢先体验后下载。</translation>
    </message>
    <message>
        <source>%1: the hub refused access (%2). Check your token %3 and your access on the model page.</source>
        <translation>%1：平台拒绝访问（%2）。请检查令牌%3，以及你在模型页面上的访问权限。</translation>
    </message>
    <message>
        <source>forbidden</source>
        <translation>禁止访问</translation>
    </message>
    <message>
        <source>%1: that revision does not exist on the hub. Check the branch, tag or commit.</source>
        <translation>%1：平台上不存在该修订版本。请检查分支、标签或提交。</translation>
    </message>
    <message>
        <source>%1: the file does not exist at that revision; it may have been renamed or removed. Refresh the catalog.</source>
        <translation>%1：该修订版本中没有此文件；它可能已被重命名或删除。请刷新目录。</translation>
    </message>
    <message>
        <source>%1 was not found on the hub: it may have been removed, renamed or made private. Refresh the catalog.</source>
        <translation>平台上找不到 %1：它可能已被删除、重命名或设为私有。请刷新目录。</translation>
    </message>
    <message>
        <source>%1 has been archived by the hub and can no longer be downloaded.</source>
        <translation>%1 已被平台归档，无法再下载。</translation>
    </message>
    <message>
        <source>%1: the server could not serve the requested part of the file (HTTP 416).</source>
        <translation>%1：服务器无法提供所请求的文件片段（HTTP 416）。</translation>
    </message>
    <message>
        <source>%1: the hub is rate-limiting requests (HTTP 429) and asks to wait %2 s.</source>
        <translation>%1：平台正在限流（HTTP 429），要求等待 %2 秒。</translation>
    </message>
    <message>
        <source>%1: the hub is rate-limiting requests (HTTP 429).</source>
        <translation>%1：平台正在限流（HTTP 429）。</translation>
    </message>
    <message>
        <source>%1: the server timed out (HTTP 408).</source>
        <translation>%1：服务器超时（HTTP 408）。</translation>
    </message>
    <message>
        <source>%1: the hub had a server error (HTTP %2) and asks to wait %3 s.</source>
        <translation>%1：平台出现服务器错误（HTTP %2），要求等待 %3 秒。</translation>
    </message>
    <message>
        <source>%1: the hub had a server error (HTTP %2).</source>
        <translation>%1：平台出现服务器错误（HTTP %2）。</translation>
    </message>
    <message>
        <source>%1: the hub answered HTTP %2%3.</source>
        <translation>%1：平台返回 HTTP %2%3。</translation>
    </message>
    <message>
        <source>Gave up after %1 attempts; try again later.</source>
        <translation>尝试 %1 次后放弃；请稍后重试。</translation>
    </message>
    <message>
        <source>That is longer than ModelDock waits (at most %1 s); try again later.</source>
        <translation>这超过了 ModelDock 的最长等待时间（%1 秒）；请稍后重试。</translation>
    </message>
    <message>
        <source>Gave up after %1 attempts over %2 s; try again later.</source>
        <translation>在 %2 秒内尝试 %1 次后放弃；请稍后重试。</translation>
    </message>
    <message>
        <source>Retrying in %1 s.</source>
        <translation>%1 秒后重试。</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>%1 %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <source>Settings version %1 applied (from %2): %3</source>
        <translation>已应用设置版本 %1（来自 %2）：%3</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>%1 is set by %2 for this run; the stored setting is not used.</source>
        <translation>%1 在本次运行中由 %2 设定；不使用已保存的设置。</translation>
    </message>
    <message>
        <source>settings file</source>
        <translation>设置文件</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read the tokens file %1: %2</source>
        <translation>无法读取令牌文件 %1：%2</translation>
    </message>
    <message>
        <source>The tokens file %1 is damaged; set the tokens again.</source>
        <translation>令牌文件 %1 已损坏；请重新设置令牌。</translation>
    </message>
    <message>
        <source>Cannot remove the tokens file %1</source>
        <translation>无法删除令牌文件 %1</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>it is a file, not a folder</source>
        <translation>它是文件，不是文件夹</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a file, so the folder cannot be created</source>
        <translation>“%1”是文件，因此无法创建该文件夹</translation>
    </message>
    <message>
        <source>it is not writable</source>
        <translation>它不可写</translation>
    </message>
    <message>
        <source>it cannot be created because &quot;%1&quot; is not writable</source>
        <translation>无法创建它，因为“%1”不可写</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>must be true or false, not &quot;%1&quot;</source>
        <translation>必须是 true 或 false，而不是“%1”</translation>
    </message>
    <message>
        <source>must be a whole number, not &quot;%1&quot;</source>
        <translation>必须是整数，而不是“%1”</translation>
    </message>
    <message>
        <source>must be between %1 and %2, not %3</source>
        <translation>必须介于 %1 和 %2 之间，而不是 %3</translation>
    </message>
    <message>
        <source>must be one of %1, not &quot;%2&quot;</source>
        <translation>必须是 %1 之一，而不是“%2”</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>must be a URL starting with %1, not &quot;%2&quot;</source>
        <translation>必须是以 %1 开头的 URL，而不是“%2”</translation>
    </message>
    <message>
        <source>must name its port, for example %1proxy.example:3128, not &quot;%2&quot;</source>
        <translation>必须写明端口，例如 %1proxy.example:3128，而不是“%2”</translation>
    </message>
    <message>
        <source>must be an absolute folder path, not &quot;%1&quot;</source>
        <translation>必须是文件夹的绝对路径，而不是“%1”</translation>
    </message>
    <message>
        <source>the folder &quot;%1&quot; cannot be used: %2</source>
        <translation>无法使用文件夹“%1”：%2</translation>
    </message>
    <message>
        <source>must be a JSON object such as {&quot;key&quot;: &quot;value&quot;}, not &quot;%1&quot;</source>
        <translation>必须是 JSON 对象，例如 {&quot;key&quot;: &quot;value&quot;}，而不是“%1”</translation>
    </message>
    <message>
        <source>must be a single line</source>
        <translation>必须是单行</translation>
    </message>
    <message>
        <source>unsupported type</source>
        <translation>不支持的类型</translation>
    </message>
    <message>
        <source>Files downloaded at the same time</source>
        <translation>同时下载的文件数</translation>
    </message>
    <message>
        <source>Files downloaded at the same time from one host</source>
        <translation>从同一主机同时下载的文件数</translation>
    </message>
    <message>
        <source>Connections open at the same time to one host, all files together</source>
        <translation>与同一主机同时打开的连接数（所有文件合计）</translation>
    </message>
    <message>
        <source>Download speed cap in bytes per second (0 = unlimited)</source>
        <translation>下载速度上限，单位为字节/秒（0 = 不限速）</translation>
    </message>
    <message>
        <source>Files at least this large are fetched in several ranges at once</source>
        <translation>不小于此大小的文件会分成多个片段同时下载</translation>
    </message>
    <message>
        <source>Most ranges fetched at once for one large file (fewer while more would not be faster)</source>
        <translation>单个大文件最多同时下载的片段数（增加片段不会更快时会减少）</translation>
    </message>
    <message>
        <source>Attempts before a failing download gives up</source>
        <translation>下载失败后放弃前的尝试次数</translation>
    </message>
    <message>
        <source>Seconds without a byte before a download reconnects</source>
        <translation>多少秒收不到数据后下载会重新连接</translation>
    </message>
    <message>
        <source>Minutes between background catalog syncs</source>
        <translation>后台同步目录的间隔（分钟）</translation>
    </message>
    <message>
        <source>Sync in the background on metered connections too</source>
        <translation>在按流量计费的网络上也进行后台同步</translation>
    </message>
    <message>
        <source>Hugging Face endpoint or mirror</source>
        <translation>Hugging Face 服务地址或镜像</translation>
    </message>
    <message>
        <source>Civitai endpoint</source>
        <translation>Civitai 服务地址</translation>
    </message>
    <message>
        <source>Proxy: system settings, none, or the URL below</source>
        <translation>代理：系统设置、不使用代理，或下方的 URL</translation>
    </message>
    <message>
        <source>Proxy URL used when the proxy mode is manual</source>
        <translation>代理模式为手动（manual）时使用的代理 URL</translation>
    </message>
    <message>
        <source>User-Agent sent with every request</source>
        <translation>每个请求发送的 User-Agent</translation>
    </message>
    <message>
        <source>must be printable ASCII text</source>
        <translation>必须是可打印的 ASCII 文本</translation>
    </message>
    <message>
        <source>Hugging Face access token (sent only to the Hugging Face endpoint)</source>
        <translation>Hugging Face 访问令牌（只发送给 Hugging Face 服务地址）</translation>
    </message>
    <message>
        <source>Civitai API key (sent only to the Civitai endpoint)</source>
        <translation>Civitai API 密钥（只发送给 Civitai 服务地址）</translation>
    </message>
    <message>
        <source>Whose folders Civitai files go into (the library folder is that program&apos;s folder)</source>
        <translation>Civitai 文件按哪个程序的文件夹结构存放（模型库文件夹即该程序的文件夹）</translation>
    </message>
    <message>
        <source>Folder of each Civitai type in the library, where yours differs from the layout&apos;s</source>
        <translation>模型库中每种 Civitai 类型的文件夹（与布局默认值不同时填写）</translation>
    </message>
    <message>
        <source>Hugging Face cache folder (shared with other Hugging Face tools)</source>
        <translation>Hugging Face 缓存文件夹（与其他 Hugging Face 工具共用）</translation>
    </message>
    <message>
        <source>Folder for Civitai files, sorted by type</source>
        <translation>存放 Civitai 文件的文件夹，按类型分类</translation>
    </message>
    <message>
        <source>Extract downloaded archives (Civitai packs: zip, 7z, tar…) into a folder beside them</source>
        <translation>将下载的压缩包（Civitai 合集：zip、7z、tar…）解压到旁边的文件夹</translation>
    </message>
    <message>
        <source>Keep an archive after extracting it</source>
        <translation>解压后保留压缩包</translation>
    </message>
    <message>
        <source>Keep downloading in the tray when the window is closed</source>
        <translation>关闭窗口后在托盘中继续下载</translation>
    </message>
    <message>
        <source>More folders whose models downloads may reuse, separated by &apos;:&apos; (ComfyUI, A1111…)</source>
        <translation>下载时可复用其中模型的其他文件夹，用“:”分隔（ComfyUI、A1111…）</translation>
    </message>
    <message>
        <source>Reuse models already in LM Studio, Ollama and llama.cpp instead of downloading them</source>
        <translation>复用 LM Studio、Ollama 和 llama.cpp 中已有的模型，而不是重新下载</translation>
    </message>
    <message>
        <source>Make downloaded Hugging Face GGUF files available to LM Studio (links in its models folder, no second copy)</source>
        <translation>让 LM Studio 可以使用已下载的 Hugging Face GGUF 文件（在其模型文件夹中创建链接，不占用第二份空间）</translation>
    </message>
    <message>
        <source>%1: must be set when %2 is manual</source>
        <translation>%1：当 %2 为 manual 时必须设置</translation>
    </message>
    <message>
        <source>unknown database error</source>
        <translation>未知的数据库错误</translation>
    </message>
    <message>
        <source>Cannot create the settings database %1: %2</source>
        <translation>无法创建设置数据库 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open the settings database %1: %2</source>
        <translation>无法打开设置数据库 %1：%2</translation>
    </message>
    <message>
        <source>the settings database %1</source>
        <translation>设置数据库 %1</translation>
    </message>
    <message>
        <source>Could not keep a copy of %1 for rollback.</source>
        <translation>无法为回滚保留 %1 的副本。</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Could not remove %1, which describes another version.</source>
        <translation>无法删除描述另一个版本的 %1。</translation>
    </message>
    <message>
        <source>Civitai model %1 is not in the library at %2; download it first.</source>
        <translation>Civitai 模型 %1 不在位于 %2 的模型库中；请先下载它。</translation>
    </message>
    <message>
        <source>Version %1 of Civitai model %2 is not complete on disk, so the library keeps version %3.</source>
        <translation>Civitai 模型 %2 的版本 %1 在磁盘上不完整，因此模型库保留版本 %3。</translation>
    </message>
    <message>
        <source>There is no earlier version of civitai:%1 to roll back to.</source>
        <translation>civitai:%1 没有可回滚的早期版本。</translation>
    </message>
    <message>
        <source>The earlier version %1 of civitai:%2 is no longer complete on disk.</source>
        <translation>civitai:%2 的早期版本 %1 在磁盘上已不完整。</translation>
    </message>
    <message>
        <source>Could not switch %1 to %2: %3</source>
        <translation>无法将 %1 切换到 %2：%3</translation>
    </message>
    <message>
        <source>Refused to switch &quot;%1&quot; at &quot;%2&quot; to &quot;%3&quot;: not a valid repository, revision and commit.</source>
        <translation>拒绝将“%2”处的“%1”切换到“%3”：仓库、修订版本或提交无效。</translation>
    </message>
    <message>
        <source>The snapshot %1 of %2 is not complete (%3 files present), so %4 stays where it is.</source>
        <translation>%2 的快照 %1 不完整（现有 %3 个文件），因此 %4 保持不变。</translation>
    </message>
    <message>
        <source>There is no earlier version of %1 (%2) to roll back to.</source>
        <translation>%1（%2）没有可回滚的早期版本。</translation>
    </message>
    <message>
        <source>The earlier version %1 of %2 is no longer complete on disk (was it pruned?).</source>
        <translation>%2 的早期版本 %1 在磁盘上已不完整（是否已被清理？）。</translation>
    </message>
    <message>
        <source>Could not record the version history in %1: %2</source>
        <translation>无法在 %1 中记录版本历史：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a repository name.</source>
        <translation>“%1”不是仓库名称。</translation>
    </message>
    <message>
        <source>Could not remove the snapshot %1 in %2.</source>
        <translation>无法删除 %2 中的快照 %1。</translation>
    </message>
    <message>
        <source>Could not remove the unused blob %1.</source>
        <translation>无法删除未使用的数据块 %1。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Browse AI model hubs (Hugging Face, Civitai) and download models.

Settings live in $XDG_CONFIG_HOME/modeldock (~/.config/modeldock), the catalog and the
download journal in $XDG_DATA_HOME/modeldock, previews in $XDG_CACHE_HOME/modeldock.
Environment: MODELDOCK_DATA_DIR (one folder for all of them), HF_ENDPOINT, HF_HUB_CACHE,
HF_HOME, HF_TOKEN, CIVITAI_API_TOKEN, MODELDOCK_CIVITAI_ENDPOINT, MODELDOCK_LIBRARY and
MODELDOCK_LIBRARY_LAYOUT apply to this run and win over the stored settings.
modeldock-cli drives the same catalog and downloads from the command line.</source>
        <translation>浏览 AI 模型平台（Hugging Face、Civitai）并下载模型。

设置保存在 $XDG_CONFIG_HOME/modeldock（~/.config/modeldock），模型目录和下载日志保存在
$XDG_DATA_HOME/modeldock，预览图保存在 $XDG_CACHE_HOME/modeldock。
环境变量：MODELDOCK_DATA_DIR（以上所有内容使用同一个文件夹）、HF_ENDPOINT、HF_HUB_CACHE、
HF_HOME、HF_TOKEN、CIVITAI_API_TOKEN、MODELDOCK_CIVITAI_ENDPOINT、MODELDOCK_LIBRARY 和
MODELDOCK_LIBRARY_LAYOUT 只作用于本次运行，优先于已保存的设置。
modeldock-cli 可在命令行中操作同一个目录和下载。</translation>
    </message>
    <message>
        <source>Show these options and exit.</source>
        <translation>显示这些选项并退出。</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>显示版本并退出。</translation>
    </message>
    <message>
        <source>ModelDock</source>
        <translation>ModelDock</translation>
    </message>
    <message>
        <source>ModelDock cannot start: %1</source>
        <translation>ModelDock 无法启动：%1</translation>
    </message>
    <message>
        <source>folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Ignored for this run: %1</source>
        <translation>本次运行忽略：%1</translation>
    </message>
    <message>
        <source>The desktop keyring did not answer.</source>
        <translation>桌面密钥环没有响应。</translation>
    </message>
    <message>
        <source>The desktop keyring refused: %1</source>
        <translation>桌面密钥环拒绝了请求：%1</translation>
    </message>
    <message>
        <source>the desktop keyring</source>
        <translation>桌面密钥环</translation>
    </message>
    <message>
        <source>Pictures rated for adults (Civitai&apos;s rating R and above): show, blur or hide</source>
        <translation>成人级图片（Civitai 评级 R 及以上）：显示、模糊或隐藏</translation>
    </message>
    <message>
        <source>Fetch Hugging Face files stored in Xet chunk by chunk, reusing the chunks of files already downloaded (HF_HUB_DISABLE_XET turns it off)</source>
        <translation>按数据块获取存储在 Xet 中的 Hugging Face 文件，并复用已下载文件中的数据块（HF_HUB_DISABLE_XET 可关闭此功能）</translation>
    </message>
    <message>
        <source>Language of the interface: system (as the locale, LANG), en or zh_CN (Simplified Chinese)</source>
        <translation>界面语言：system（跟随系统区域设置，LANG）、en（英语）或 zh_CN（简体中文）</translation>
    </message>
</context>
<context>
    <name>Settings::SettingsCenter</name>
    <message>
        <source>The tokens could not be moved out of the settings database: %1</source>
        <translation>无法将令牌移出设置数据库：%1</translation>
    </message>
    <message>
        <source>Cannot read the settings database %1</source>
        <translation>无法读取设置数据库 %1</translation>
    </message>
    <message>
        <source>The stored setting %1 is no longer valid, so its default is used: %2</source>
        <translation>已保存的设置 %1 已失效，因此使用默认值：%2</translation>
    </message>
    <message>
        <source>The stored setting %1 is not known to this version of ModelDock and is ignored.</source>
        <translation>此版本的 ModelDock 不认识已保存的设置 %1，已忽略。</translation>
    </message>
    <message>
        <source>%1: there is no such setting</source>
        <translation>%1：没有这个设置</translation>
    </message>
    <message>
        <source>%1 (set by %2)</source>
        <translation>%1（由 %2 设定）</translation>
    </message>
    <message>
        <source>Cannot save settings: %1</source>
        <translation>无法保存设置：%1</translation>
    </message>
    <message>
        <source>Cannot save settings: the settings database %1 cannot be read</source>
        <translation>无法保存设置：无法读取设置数据库 %1</translation>
    </message>
    <message>
        <source>%1: the folder &quot;%2&quot; cannot be created</source>
        <translation>%1：无法创建文件夹“%2”</translation>
    </message>
    <message>
        <source>Cannot save the token: %1</source>
        <translation>无法保存令牌：%1</translation>
    </message>
    <message>
        <source>There is no settings version %1 (the latest is %2)</source>
        <translation>没有设置版本 %1（最新版本为 %2）</translation>
    </message>
    <message>
        <source>Cannot read settings version %1</source>
        <translation>无法读取设置版本 %1</translation>
    </message>
    <message>
        <source>rollback to version %1</source>
        <translation>回滚到版本 %1</translation>
    </message>
    <message>
        <source>%1 (rollback to version %2)</source>
        <translation>%1（回滚到版本 %2）</translation>
    </message>
    <message>
        <source>The settings file is not valid JSON: %1 (at byte %2)</source>
        <translation>设置文件不是有效的 JSON：%1（位于第 %2 字节）</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>%1 (file import)</source>
        <translation>%1（从文件导入）</translation>
    </message>
</context>
<context>
    <name>Settings::SettingsFileWatcher</name>
    <message>
        <source>Cannot read the settings file %1: %2</source>
        <translation>无法读取设置文件 %1：%2</translation>
    </message>
    <message>
        <source>The edit to %1 was refused and the previous settings stay in force: %2</source>
        <translation>对 %1 的修改被拒绝，之前的设置继续有效：%2</translation>
    </message>
</context>
<context>
    <name>Ui::ActivityModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>事件</translation>
    </message>
</context>
<context>
    <name>Ui::CardDelegate</name>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>↓ %1 · ♥ %2</source>
        <translation>↓ %1 · ♥ %2</translation>
    </message>
    <message>
        <source>Pictures rated for adults are hidden</source>
        <translation>成人级图片已隐藏</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>无图片</translation>
    </message>
    <message>
        <source>Loading picture…</source>
        <translation>正在加载图片…</translation>
    </message>
    <message>
        <source>NSFW</source>
        <translation>NSFW</translation>
    </message>
</context>
<context>
    <name>Ui::CatalogFilterBar</name>
    <message>
        <source>Catalog filters</source>
        <translation>目录筛选</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>All hubs</source>
        <translation>所有平台</translation>
    </message>
    <message>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <source>Civitai</source>
        <translation>Civitai</translation>
    </message>
    <message>
        <source>Model type</source>
        <translation>模型类型</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>GGUF</source>
        <translation>GGUF</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Any base model</source>
        <translation>任意基础模型</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>已下载</translation>
    </message>
    <message>
        <source>Downloaded or not</source>
        <translation>全部（无论是否已下载）</translation>
    </message>
    <message>
        <source>Downloaded only</source>
        <translation>仅已下载</translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation>未下载</translation>
    </message>
    <message>
        <source>&amp;Hub:</source>
        <translation>平台(&amp;H)：</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>类型(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Base:</source>
        <translation>基础模型(&amp;B)：</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>Ui::CatalogGrid</name>
    <message>
        <source>Catalog as cards</source>
        <translation>卡片式目录</translation>
    </message>
</context>
<context>
    <name>Ui::CatalogModel</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>New since you last looked at this source</source>
        <translation>自你上次查看此来源以来新增</translation>
    </message>
    <message>
        <source>Changed on the hub since you last looked at this source</source>
        <translation>自你上次查看此来源以来在平台上有改动</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>下载量</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>点赞</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>Ui::ChangeMark</name>
    <message>
        <source>new</source>
        <translation>新</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>已更新</translation>
    </message>
</context>
<context>
    <name>Ui::DetailsPane</name>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Model card</source>
        <translation>模型卡片</translation>
    </message>
    <message>
        <source>Select a model to see its card, variants and files.</source>
        <translation>选择一个模型以查看其模型卡片、变体和文件。</translation>
    </message>
    <message>
        <source>Gated model notice</source>
        <translation>受限模型提示</translation>
    </message>
    <message>
        <source>&amp;Variant:</source>
        <translation>变体(&amp;V)：</translation>
    </message>
    <message>
        <source>Variant or quantization</source>
        <translation>变体或量化</translation>
    </message>
    <message>
        <source>Files of the model</source>
        <translation>模型的文件</translation>
    </message>
    <message>
        <source>Trigger words</source>
        <translation>触发词</translation>
    </message>
    <message>
        <source>Copy the trigger words</source>
        <translation>复制触发词</translation>
    </message>
    <message>
        <source>Copy the trigger words to the clipboard</source>
        <translation>将触发词复制到剪贴板</translation>
    </message>
    <message>
        <source>Trigger words:</source>
        <translation>触发词：</translation>
    </message>
    <message>
        <source>Preview images</source>
        <translation>预览图</translation>
    </message>
    <message>
        <source>This model is gated: accept its conditions on the hub and set a token in Settings before downloading.</source>
        <translation>这是受限模型：下载前请先在平台上接受其使用条件，并在“设置”中设置令牌。</translation>
    </message>
    <message>
        <source>Open the model page</source>
        <translation>打开模型页面</translation>
    </message>
    <message numerus="yes">
        <source>All variants (%n)</source>
        <translation>
            <numerusform>所有变体（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading preview…</source>
        <translation>正在加载预览…</translation>
    </message>
    <message>
        <source>Preview image</source>
        <translation>预览图</translation>
    </message>
    <message>
        <source>Click to enlarge</source>
        <translation>点击放大</translation>
    </message>
    <message>
        <source>Preview unavailable</source>
        <translation>无法预览</translation>
    </message>
    <message>
        <source>by %1 · %2 downloads · %3 likes</source>
        <translation>作者 %1 · %2 次下载 · %3 个赞</translation>
    </message>
    <message>
        <source>Model page on the hub</source>
        <translation>平台上的模型页面</translation>
    </message>
    <message>
        <source>License: %1</source>
        <translation>许可证：%1</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>标签：%1</translation>
    </message>
</context>
<context>
    <name>Ui::DownloadErrorPanel</name>
    <message>
        <source>Why the selected download failed</source>
        <translation>所选下载失败的原因</translation>
    </message>
    <message>
        <source>%1 failed: %2
Retry failed (Ctrl+Shift+T) tries it again.</source>
        <translation>%1 失败：%2
“重试失败项”（Ctrl+Shift+T）可再次尝试。</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) of this group failed. %1: %2
Retry failed (Ctrl+Shift+T) tries them again.</source>
        <translation>
            <numerusform>此组中有 %n 项失败。%1：%2
“重试失败项”（Ctrl+Shift+T）可再次尝试。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::DownloadRequester</name>
    <message numerus="yes">
        <source>%n models</source>
        <translation>
            <numerusform>%n 个模型</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 is no longer there; refresh to see what the hub holds now.</source>
        <translation>%1：%2 已不存在；请刷新以查看平台当前的内容。</translation>
    </message>
    <message>
        <source>1 file to download, %1 in total.</source>
        <translation>要下载 1 个文件，共 %1。</translation>
    </message>
    <message>
        <source>%1 files to download, %2 in total.</source>
        <translation>要下载 %1 个文件，共 %2。</translation>
    </message>
    <message>
        <source>1 file is already on disk and is skipped.</source>
        <translation>1 个文件已在磁盘上，将跳过。</translation>
    </message>
    <message>
        <source>%1 files are already on disk and are skipped.</source>
        <translation>%1 个文件已在磁盘上，将跳过。</translation>
    </message>
    <message>
        <source>Free space on %1: %2.</source>
        <translation>%1 的可用空间：%2。</translation>
    </message>
    <message>
        <source>%1 needs %2 (with a 5% margin) but has %3 free</source>
        <translation>%1 需要 %2（含 5% 余量），但只有 %3 可用</translation>
    </message>
    <message>
        <source>This does not fit: %1. Free some space or pick fewer files.</source>
        <translation>空间不足：%1。请释放一些空间或少选一些文件。</translation>
    </message>
    <message>
        <source>Everything picked is already on disk.</source>
        <translation>所选内容都已在磁盘上。</translation>
    </message>
    <message>
        <source>The hub does not answer for %1.</source>
        <translation>平台没有响应 %1 的请求。</translation>
    </message>
    <message>
        <source>Queue it: ModelDock asks the hub again, at least once a minute, and the download starts on its own as soon as the hub answers.</source>
        <translation>加入队列：ModelDock 会至少每分钟询问一次平台，平台一响应就自动开始下载。</translation>
    </message>
    <message>
        <source>Queue them: ModelDock asks the hub again, at least once a minute, and the downloads start on their own as soon as the hub answers.</source>
        <translation>加入队列：ModelDock 会至少每分钟询问一次平台，平台一响应就自动开始这些下载。</translation>
    </message>
    <message>
        <source>Left out:</source>
        <translation>未包含：</translation>
    </message>
    <message>
        <source>The files do not fit on the disk</source>
        <translation>磁盘空间不足以存放这些文件</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>加入队列(&amp;Q)</translation>
    </message>
    <message>
        <source>Queued until the hub answers: %1.</source>
        <translation>已排队，等待平台响应：%1。</translation>
    </message>
    <message>
        <source>The hub answered; %1 starts.</source>
        <translation>平台已响应；%1 开始下载。</translation>
    </message>
</context>
<context>
    <name>Ui::DownloadSummaryDialog</name>
    <message>
        <source>Download &amp;all versions</source>
        <translation>下载所有版本(&amp;A)</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>磁盘上</translation>
    </message>
    <message>
        <source>Every version of the Civitai models picked, as one pack</source>
        <translation>所选 Civitai 模型的所有版本，作为一个合集</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>already on disk</source>
        <translation>已在磁盘上</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>Ui::DownloadsDashboard</name>
    <message>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Download totals</source>
        <translation>下载汇总</translation>
    </message>
    <message>
        <source>Download actions</source>
        <translation>下载操作</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause the selected downloads</source>
        <translation>暂停所选下载</translation>
    </message>
    <message>
        <source>R&amp;esume</source>
        <translation>继续(&amp;E)</translation>
    </message>
    <message>
        <source>Resume the selected downloads</source>
        <translation>继续所选下载</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel the selected downloads and remove their partial files</source>
        <translation>取消所选下载并删除未完成的文件</translation>
    </message>
    <message>
        <source>Re&amp;try failed</source>
        <translation>重试失败项(&amp;T)</translation>
    </message>
    <message>
        <source>Try the selected failed downloads again</source>
        <translation>再次尝试所选的失败下载</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Download the selected items or groups earlier</source>
        <translation>提前下载所选项目或组</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>Download the selected items or groups later</source>
        <translation>推后下载所选项目或组</translation>
    </message>
    <message>
        <source>Download &amp;next</source>
        <translation>下一个下载(&amp;N)</translation>
    </message>
    <message>
        <source>Download the selected items before everything else waiting</source>
        <translation>在其他所有等待项之前下载所选项目</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>打开文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Open the folder of the selected item or group</source>
        <translation>打开所选项目或组所在的文件夹</translation>
    </message>
    <message>
        <source>Cop&amp;y path</source>
        <translation>复制路径(&amp;Y)</translation>
    </message>
    <message>
        <source>Copy the paths of the selected items or groups</source>
        <translation>复制所选项目或组的路径</translation>
    </message>
    <message>
        <source>C&amp;lear finished</source>
        <translation>清除已完成(&amp;L)</translation>
    </message>
    <message>
        <source>Forget the groups whose items all finished (files stay on disk)</source>
        <translation>移除所有项目都已完成的组（文件保留在磁盘上）</translation>
    </message>
    <message>
        <source>&amp;More</source>
        <translation>更多(&amp;M)</translation>
    </message>
    <message>
        <source>Queue order and paths of the selected downloads</source>
        <translation>所选下载的队列顺序和路径</translation>
    </message>
    <message>
        <source>More download actions</source>
        <translation>更多下载操作</translation>
    </message>
    <message>
        <source>Show downloads</source>
        <translation>显示下载</translation>
    </message>
    <message>
        <source>Show all downloads, or only the active, queued (or paused), failed or done ones</source>
        <translation>显示全部下载，或只显示进行中、排队中（或已暂停）、失败或已完成的下载</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>显示(&amp;H)：</translation>
    </message>
    <message>
        <source>Cancel downloads</source>
        <translation>取消下载</translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n download(s)?</source>
        <translation>
            <numerusform>要取消 %n 个下载吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 already downloaded will be deleted.</source>
        <translation>已下载的 %1 将被删除。</translation>
    </message>
    <message>
        <source>Cancel and &amp;delete</source>
        <translation>取消并删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Keep downloading</source>
        <translation>继续下载(&amp;K)</translation>
    </message>
    <message>
        <source>No downloads</source>
        <translation>没有下载</translation>
    </message>
    <message>
        <source>%1 of %2 files verified</source>
        <translation>已校验 %1/%2 个文件</translation>
    </message>
    <message>
        <source>, %1 failed</source>
        <translation>，%1 个失败</translation>
    </message>
    <message>
        <source> · %1 active at %2 · %3 left</source>
        <translation> · %1 个进行中，速度 %2 · 剩余 %3</translation>
    </message>
    <message>
        <source> · %1 active · %2 left</source>
        <translation> · %1 个进行中 · 剩余 %2</translation>
    </message>
</context>
<context>
    <name>Ui::DownloadsModel</name>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>正在校验</translation>
    </message>
    <message>
        <source>Verified ✓</source>
        <translation>已校验 ✓</translation>
    </message>
    <message>
        <source>Failed ✗</source>
        <translation>失败 ✗</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>/s</source>
        <translation>/s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Extracting</source>
        <translation>正在解压</translation>
    </message>
    <message>
        <source>Reused %1 by %2; nothing downloaded</source>
        <translation>已通过%2复用 %1；未下载任何内容</translation>
    </message>
    <message>
        <source>Xet: fetched %1, reused %2</source>
        <translation>Xet：已获取 %1，复用 %2</translation>
    </message>
</context>
<context>
    <name>Ui::DownloadsRowFilter</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>Ui::FileListModel</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>not published</source>
        <translation>未公布</translation>
    </message>
    <message>
        <source>SHA-256 %1</source>
        <translation>SHA-256 %1</translation>
    </message>
    <message>
        <source>%1
The primary file: downloading the version takes this one; tick another to take it instead</source>
        <translation>%1
主文件：下载该版本时会下载此文件；勾选其他文件可改为下载那个文件</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>Ui::FreeSpaceDialog</name>
    <message>
        <source>Free space</source>
        <translation>释放空间</translation>
    </message>
    <message>
        <source>Earlier versions ModelDock replaced in the Hugging Face cache (%1) and kept for Roll back. Nothing another program downloaded is listed or removed.</source>
        <translation>ModelDock 在 Hugging Face 缓存（%1）中替换掉、为回滚而保留的早期版本。其他程序下载的内容不会列出，也不会删除。</translation>
    </message>
    <message>
        <source>Earlier version</source>
        <translation>早期版本</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Earlier versions that can be removed</source>
        <translation>可以删除的早期版本</translation>
    </message>
    <message>
        <source>Space that can be freed</source>
        <translation>可释放的空间</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Looking through the cache…</source>
        <translation>正在检查缓存…</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>正在删除…</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n earlier version(s), freeing %1.</source>
        <translation>
            <numerusform>已删除 %n 个早期版本，释放了 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to remove: no earlier version ModelDock replaced is left.</source>
        <translation>没有可删除的内容：已没有 ModelDock 替换掉的早期版本。</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier version(s) can go, freeing %1.</source>
        <translation>
            <numerusform>可以删除 %n 个早期版本，释放 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::IdentifyDialog</name>
    <message>
        <source>Find my models</source>
        <translation>识别我的模型</translation>
    </message>
    <message>
        <source>Find my models status</source>
        <translation>“识别我的模型”状态</translation>
    </message>
    <message>
        <source>Find my models progress</source>
        <translation>“识别我的模型”进度</translation>
    </message>
    <message>
        <source>Files found on disk</source>
        <translation>在磁盘上找到的文件</translation>
    </message>
    <message>
        <source>&amp;Write previews and sidecars</source>
        <translation>写入预览图和附属文件(&amp;W)</translation>
    </message>
    <message>
        <source>Write previews and sidecars</source>
        <translation>写入预览图和附属文件</translation>
    </message>
    <message>
        <source>Write &lt;name&gt;.civitai.info and &lt;name&gt;.preview.png beside each file found on Civitai; files already there are kept</source>
        <translation>在每个在 Civitai 上找到的文件旁写入 &lt;name&gt;.civitai.info 和 &lt;name&gt;.preview.png；已有的文件会保留</translation>
    </message>
    <message>
        <source>&amp;Update all</source>
        <translation>全部更新(&amp;U)</translation>
    </message>
    <message>
        <source>Update all</source>
        <translation>全部更新</translation>
    </message>
    <message>
        <source>Download the newer version of every model found, as one download</source>
        <translation>下载所有找到的模型的新版本，作为一次下载</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reading and hashing the files in your model folders…</source>
        <translation>正在读取模型文件夹中的文件并计算哈希值…</translation>
    </message>
    <message numerus="yes">
        <source>Asking which models these %n file(s) are…</source>
        <translation>
            <numerusform>正在查询这 %n 个文件属于哪些模型…</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing previews and sidecars…</source>
        <translation>正在写入预览图和附属文件…</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) beside your models.</source>
        <translation>
            <numerusform>已在你的模型旁写入 %n 个文件。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::IdentifyModel</name>
    <message>
        <source>Civitai</source>
        <translation>Civitai</translation>
    </message>
    <message>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Newer version</source>
        <translation>新版本</translation>
    </message>
</context>
<context>
    <name>Ui::ImageCache</name>
    <message>
        <source>Only web images are shown.</source>
        <translation>只显示网络图片。</translation>
    </message>
    <message>
        <source>No network.</source>
        <translation>没有网络。</translation>
    </message>
    <message>
        <source>The image is too large.</source>
        <translation>图片太大。</translation>
    </message>
    <message>
        <source>The preview is not an image we can show (%1).</source>
        <translation>预览不是可显示的图片（%1）。</translation>
    </message>
</context>
<context>
    <name>Ui::InsightPanel</name>
    <message>
        <source>What the model file says</source>
        <translation>模型文件的信息</translation>
    </message>
    <message>
        <source>Context length for the memory estimate</source>
        <translation>内存估算所用的上下文长度</translation>
    </message>
    <message>
        <source>Will it fit on this machine</source>
        <translation>本机能否容纳</translation>
    </message>
    <message>
        <source>&amp;Context:</source>
        <translation>上下文(&amp;C)：</translation>
    </message>
    <message>
        <source>&lt;b&gt;Inside %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 的内部信息&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Reading the file header…</source>
        <translation>正在读取文件头…</translation>
    </message>
    <message>
        <source>The header could not be read: %1</source>
        <translation>无法读取文件头：%1</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个词元</translation>
    </message>
    <message>
        <source>This machine: %1</source>
        <translation>本机：%1</translation>
    </message>
    <message>
        <source>%1: another model; pick it to read its header</source>
        <translation>%1：另一个模型；选中它以读取其文件头</translation>
    </message>
    <message>
        <source>needs %1</source>
        <translation>需要 %1</translation>
    </message>
    <message>
        <source>recommended here</source>
        <translation>本机推荐</translation>
    </message>
</context>
<context>
    <name>Ui::ItemState</name>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>正在校验</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Verified ✓</source>
        <translation>已校验 ✓</translation>
    </message>
    <message>
        <source>Failed ✗</source>
        <translation>失败 ✗</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Update available</source>
        <translation>有可用更新</translation>
    </message>
</context>
<context>
    <name>Ui::MainWindow</name>
    <message>
        <source>ModelDock</source>
        <translation>ModelDock</translation>
    </message>
    <message>
        <source>Catalog not synced yet</source>
        <translation>目录尚未同步</translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <source>Add &amp;source…</source>
        <translation>添加来源(&amp;S)…</translation>
    </message>
    <message>
        <source>Add a Hugging Face author, search or collection, or a Civitai search, as a source</source>
        <translation>添加 Hugging Face 作者、搜索或合集，或 Civitai 搜索作为来源</translation>
    </message>
    <message>
        <source>&amp;Edit source…</source>
        <translation>编辑来源(&amp;E)…</translation>
    </message>
    <message>
        <source>Change what the selected source asks its hub for</source>
        <translation>修改所选来源向平台查询的内容</translation>
    </message>
    <message>
        <source>&amp;Remove source…</source>
        <translation>移除来源(&amp;R)…</translation>
    </message>
    <message>
        <source>Remove the selected source; its models leave the catalog, files on disk stay</source>
        <translation>移除所选来源；其模型会离开目录，磁盘上的文件保留</translation>
    </message>
    <message>
        <source>Open &amp;link…</source>
        <translation>打开链接(&amp;L)…</translation>
    </message>
    <message>
        <source>Open the model a Hugging Face or Civitai link (in the clipboard) points at</source>
        <translation>打开（剪贴板中）Hugging Face 或 Civitai 链接指向的模型</translation>
    </message>
    <message>
        <source>Search the &amp;hubs</source>
        <translation>搜索平台(&amp;H)</translation>
    </message>
    <message>
        <source>Ask Hugging Face and Civitai for the words in the search field; what they find joins the catalog</source>
        <translation>在 Hugging Face 和 Civitai 上搜索搜索框中的词；找到的模型会加入目录</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Sync the catalog with the hubs now</source>
        <translation>立即与平台同步目录</translation>
    </message>
    <message>
        <source>Sync the catalog with the hubs now (F5)</source>
        <translation>立即与平台同步目录（F5）</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>End ModelDock; unfinished downloads continue at the next start</source>
        <translation>结束 ModelDock；未完成的下载会在下次启动时继续</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Change folders, limits, endpoints and tokens</source>
        <translation>修改文件夹、限制、服务地址和令牌</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <source>Download the selected and checked models, variants and files</source>
        <translation>下载选中和勾选的模型、变体和文件</translation>
    </message>
    <message>
        <source>Download the selected and checked models, variants and files (Ctrl+D)</source>
        <translation>下载选中和勾选的模型、变体和文件（Ctrl+D）</translation>
    </message>
    <message>
        <source>Download &amp;all versions</source>
        <translation>下载所有版本(&amp;A)</translation>
    </message>
    <message>
        <source>Download every version of the selected Civitai models as one pack</source>
        <translation>将所选 Civitai 模型的所有版本作为一个合集下载</translation>
    </message>
    <message>
        <source>&amp;Find in catalog</source>
        <translation>在目录中查找(&amp;F)</translation>
    </message>
    <message>
        <source>Move to the search box of the catalog</source>
        <translation>转到目录的搜索框</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Show or hide the %1 panel</source>
        <translation>显示或隐藏“%1”面板</translation>
    </message>
    <message>
        <source>D&amp;ownloads</source>
        <translation>下载(&amp;O)</translation>
    </message>
    <message>
        <source>Search the catalog</source>
        <translation>搜索目录</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Catalog sources</source>
        <translation>目录来源</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>活动日志</translation>
    </message>
    <message>
        <source>Searching Hugging Face and Civitai for “%1”…</source>
        <translation>正在 Hugging Face 和 Civitai 上搜索“%1”…</translation>
    </message>
    <message>
        <source>The hubs found nothing for “%1”.</source>
        <translation>平台上没有找到与“%1”相关的内容。</translation>
    </message>
    <message numerus="yes">
        <source>The hubs found %n model(s) for “%1”</source>
        <translation>
            <numerusform>平台上找到 %n 个与“%1”相关的模型</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n new in the catalog.</source>
        <translation>
            <numerusform>；其中 %n 个是目录中新增的。</numerusform>
        </translation>
    </message>
    <message>
        <source>Find &amp;my models…</source>
        <translation>识别我的模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Hash the model files already on disk and find out which models and versions they are</source>
        <translation>计算磁盘上已有模型文件的哈希值，识别它们属于哪些模型和版本</translation>
    </message>
    <message>
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <source>A Hugging Face or Civitai link, or ns/name:</source>
        <translation>Hugging Face 或 Civitai 链接，或 命名空间/名称：</translation>
    </message>
    <message>
        <source>Not a model link: %1</source>
        <translation>不是模型链接：%1</translation>
    </message>
    <message>
        <source>%1 is not in the catalog yet: add a source that lists it (File → Add source…).</source>
        <translation>%1 还不在目录中：请添加一个包含它的来源（文件 → 添加来源…）。</translation>
    </message>
    <message>
        <source>Looking up %1 on the hub…</source>
        <translation>正在平台上查找 %1…</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>the hub does not know it.</source>
        <translation>平台上没有它。</translation>
    </message>
    <message>
        <source>Opened %1; Download (Ctrl+D) takes what is selected.</source>
        <translation>已打开 %1；“下载”（Ctrl+D）会下载所选内容。</translation>
    </message>
    <message>
        <source>Search the hubs</source>
        <translation>搜索平台</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <source>Search Hugging Face and Civitai for “%1”</source>
        <translation>在 Hugging Face 和 Civitai 上搜索“%1”</translation>
    </message>
    <message>
        <source> (Ctrl+Enter)</source>
        <translation>（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Download started</source>
        <translation>已开始下载</translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) waiting for the hub to answer</source>
        <translation>
            <numerusform>%n 个下载正在等待平台响应</numerusform>
        </translation>
    </message>
    <message>
        <source>Syncing %1…</source>
        <translation>正在同步 %1…</translation>
    </message>
    <message>
        <source>%1 is kept but not synced.</source>
        <translation>%1 已保留，但不再同步。</translation>
    </message>
    <message>
        <source>Remove source</source>
        <translation>移除来源</translation>
    </message>
    <message>
        <source>Remove the source %1?</source>
        <translation>要移除来源 %1 吗？</translation>
    </message>
    <message>
        <source>Its models leave the catalog unless another source lists them. Downloaded files stay on disk.</source>
        <translation>除非其他来源也包含这些模型，否则它们会离开目录。已下载的文件保留在磁盘上。</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Removed the source %1.</source>
        <translation>已移除来源 %1。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>Make available to &amp;LM Studio</source>
        <translation>提供给 &amp;LM Studio 使用</translation>
    </message>
    <message>
        <source>Link the selected model&apos;s downloaded GGUF files into LM Studio&apos;s models folder (no second copy)</source>
        <translation>将所选模型已下载的 GGUF 文件链接到 LM Studio 的模型文件夹（不占用第二份空间）</translation>
    </message>
    <message>
        <source>&amp;Free space…</source>
        <translation>释放空间(&amp;F)…</translation>
    </message>
    <message>
        <source>Remove earlier versions kept for Roll back</source>
        <translation>删除为回滚而保留的早期版本</translation>
    </message>
    <message>
        <source>%1 has no downloaded GGUF file to share with LM Studio.</source>
        <translation>%1 没有可共享给 LM Studio 的已下载 GGUF 文件。</translation>
    </message>
    <message numerus="yes">
        <source>Shared %n GGUF file(s) of %1 with LM Studio (%2).</source>
        <translation>
            <numerusform>已将 %1 的 %n 个 GGUF 文件共享给 LM Studio（%2）。</numerusform>
        </translation>
    </message>
    <message>
        <source>library</source>
        <translation>模型库</translation>
    </message>
    <message>
        <source>Freed %1</source>
        <translation>已释放 %1</translation>
    </message>
    <message>
        <source>Select models, variants or files to download first.</source>
        <translation>请先选择要下载的模型、变体或文件。</translation>
    </message>
    <message>
        <source>All %1 models are selected; at most %2 can be downloaded at once. Narrow the list with the search or the filters.</source>
        <translation>已选中全部 %1 个模型；一次最多只能下载 %2 个。请用搜索或筛选缩小列表。</translation>
    </message>
    <message>
        <source>Reading the %1 models of the list…</source>
        <translation>正在读取列表中的 %1 个模型…</translation>
    </message>
    <message>
        <source>Quit ModelDock</source>
        <translation>退出 ModelDock</translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) are not finished.</source>
        <translation>
            <numerusform>%n 个下载尚未完成。</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit now and they resume at the next start, or keep them running in the tray.</source>
        <translation>现在退出，它们会在下次启动时继续；也可以让它们在托盘中继续运行。</translation>
    </message>
    <message>
        <source>&amp;Quit, resume next time</source>
        <translation>退出，下次继续(&amp;Q)</translation>
    </message>
    <message>
        <source>Keep running in the &amp;tray</source>
        <translation>在托盘中继续运行(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Grid of pictures</source>
        <translation>图片网格(&amp;G)</translation>
    </message>
    <message>
        <source>Show the catalog as cards with pictures instead of a tree</source>
        <translation>以带图片的卡片而非树形显示目录</translation>
    </message>
    <message>
        <source>Show the catalog as cards with pictures (Ctrl+G)</source>
        <translation>以带图片的卡片显示目录（Ctrl+G）</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Show as a grid of pictures</source>
        <translation>以图片网格显示</translation>
    </message>
    <message>
        <source>%1 has no pictures to show</source>
        <translation>%1 没有可显示的图片</translation>
    </message>
    <message>
        <source>downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>sync</source>
        <translation>同步</translation>
    </message>
</context>
<context>
    <name>Ui::ModelUpdateActions</name>
    <message>
        <source>&amp;Update</source>
        <translation>更新(&amp;U)</translation>
    </message>
    <message>
        <source>Roll &amp;Back</source>
        <translation>回滚(&amp;B)</translation>
    </message>
    <message>
        <source>Download what changed on the hub beside the version in use, then switch to it in one step</source>
        <translation>在当前使用的版本旁下载平台上有改动的部分，然后一步切换过去</translation>
    </message>
    <message>
        <source>Switch back to the version in use before the last update</source>
        <translation>切换回上次更新前使用的版本</translation>
    </message>
    <message>
        <source>updates</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Updating %1…</source>
        <translation>正在更新 %1…</translation>
    </message>
    <message>
        <source> The catalog could not record it: %1</source>
        <translation> 目录无法记录此操作：%1</translation>
    </message>
    <message>
        <source>%1 is up to date (%2).</source>
        <translation>%1 已是最新（%2）。</translation>
    </message>
    <message numerus="yes">
        <source>Updated %1 from %2 to %3: %n file(s) downloaded, %4 unchanged file(s) reused. Roll back returns to %2.</source>
        <translation>
            <numerusform>已将 %1 从 %2 更新到 %3：下载了 %n 个文件，复用了 %4 个未改动的文件。“回滚”可回到 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Rolled %1 back from %2 to %3.</source>
        <translation>已将 %1 从 %2 回滚到 %3。</translation>
    </message>
    <message numerus="yes">
        <source>%1 has a newer version: fetching %2 for %n changed file(s)</source>
        <translation>
            <numerusform>%1 有新版本：正在为 %n 个已更改的文件获取 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>, reusing %1 of unchanged chunks already on disk</source>
        <translation>，复用磁盘上已有的 %1 未更改数据块</translation>
    </message>
</context>
<context>
    <name>Ui::PreviewViewer</name>
    <message>
        <source>&amp;Previous</source>
        <translation>上一张(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一张(&amp;N)</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Preview image, large</source>
        <translation>大预览图</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>Ui::SettingsDialog</name>
    <message>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Catalog sync</source>
        <translation>目录同步</translation>
    </message>
    <message>
        <source>Network and accounts</source>
        <translation>网络和账户</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>桌面</translation>
    </message>
    <message>
        <source>Use the system&apos;s proxy settings</source>
        <translation>使用系统代理设置</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <source>Use the proxy URL below</source>
        <translation>使用下方的代理 URL</translation>
    </message>
    <message>
        <source>ModelDock: Lora/, Checkpoint/…</source>
        <translation>ModelDock：Lora/、Checkpoint/…</translation>
    </message>
    <message>
        <source>ComfyUI: models/loras, models/checkpoints…</source>
        <translation>ComfyUI：models/loras、models/checkpoints…</translation>
    </message>
    <message>
        <source>AUTOMATIC1111, Forge, SD.Next: models/Lora…</source>
        <translation>AUTOMATIC1111、Forge、SD.Next：models/Lora…</translation>
    </message>
    <message>
        <source>Stability Matrix: Models/Lora, Models/StableDiffusion…</source>
        <translation>Stability Matrix：Models/Lora、Models/StableDiffusion…</translation>
    </message>
    <message>
        <source>ModelDock Settings</source>
        <translation>ModelDock 设置</translation>
    </message>
    <message>
        <source>Hugging Face &amp;server:</source>
        <translation>Hugging Face 服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>Hugging Face server</source>
        <translation>Hugging Face 服务器</translation>
    </message>
    <message>
        <source>Hugging Face (huggingface.co)</source>
        <translation>Hugging Face（huggingface.co）</translation>
    </message>
    <message>
        <source>Mirror: hf-mirror.com</source>
        <translation>镜像：hf-mirror.com</translation>
    </message>
    <message>
        <source>Civita&amp;i server:</source>
        <translation>Civitai 服务器(&amp;I)：</translation>
    </message>
    <message>
        <source>Civitai server</source>
        <translation>Civitai 服务器</translation>
    </message>
    <message>
        <source>Civitai (civitai.com)</source>
        <translation>Civitai（civitai.com）</translation>
    </message>
    <message>
        <source>Civitai (civitai.red)</source>
        <translation>Civitai（civitai.red）</translation>
    </message>
    <message>
        <source>Settings history</source>
        <translation>设置历史</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>更改</translation>
    </message>
    <message>
        <source>&amp;Roll back to this version</source>
        <translation>回滚到此版本(&amp;R)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Custom endpoint</source>
        <translation>自定义服务地址</translation>
    </message>
    <message>
        <source>bytes; K, M and G suffixes work (20M)</source>
        <translation>字节；可使用 K、M、G 后缀（如 20M）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>显示令牌</translation>
    </message>
    <message>
        <source>Show or hide the token</source>
        <translation>显示或隐藏令牌</translation>
    </message>
    <message>
        <source>%1 — set by %2 for this run (stored: %3); unset %2 to edit it here</source>
        <translation>%1 — 本次运行由 %2 设定（已保存的值：%3）；取消设置 %2 后才能在此修改</translation>
    </message>
    <message>
        <source>%1 (set by %2)</source>
        <translation>%1（由 %2 设定）</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Nothing was changed:
%1</source>
        <translation>未做任何更改：
%1</translation>
    </message>
    <message>
        <source>No changes to apply.</source>
        <translation>没有要应用的更改。</translation>
    </message>
    <message>
        <source>Applied as version %1; in effect now.</source>
        <translation>已作为版本 %1 应用，现已生效。</translation>
    </message>
    <message>
        <source>Rolled back; the settings are now version %1.</source>
        <translation>已回滚；设置现为版本 %1。</translation>
    </message>
    <message>
        <source>Could not roll back:
%1</source>
        <translation>无法回滚：
%1</translation>
    </message>
    <message>
        <source>As the system (the locale&apos;s language)</source>
        <translation>跟随系统（区域设置的语言）</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Show them</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Blur them</source>
        <translation>模糊</translation>
    </message>
    <message>
        <source>Hide them</source>
        <translation>隐藏</translation>
    </message>
</context>
<context>
    <name>Ui::SingleInstance</name>
    <message>
        <source>Cannot create the lock file in %1.</source>
        <translation>无法在 %1 中创建锁文件。</translation>
    </message>
    <message>
        <source>Another ModelDock uses %1 but does not answer. If it hangs, end it and start again.</source>
        <translation>另一个 ModelDock 正在使用 %1，但没有响应。如果它卡住了，请结束它后重新启动。</translation>
    </message>
</context>
<context>
    <name>Ui::SourceDialog</name>
    <message>
        <source>S&amp;ync this source</source>
        <translation>同步此来源(&amp;Y)</translation>
    </message>
    <message>
        <source>Add a source</source>
        <translation>添加来源</translation>
    </message>
    <message>
        <source>Hugging Face author or organisation</source>
        <translation>Hugging Face 作者或组织</translation>
    </message>
    <message>
        <source>Hugging Face search</source>
        <translation>Hugging Face 搜索</translation>
    </message>
    <message>
        <source>Hugging Face collection</source>
        <translation>Hugging Face 合集</translation>
    </message>
    <message>
        <source>Hugging Face model</source>
        <translation>Hugging Face 模型</translation>
    </message>
    <message>
        <source>Civitai search</source>
        <translation>Civitai 搜索</translation>
    </message>
    <message>
        <source>Civitai model</source>
        <translation>Civitai 模型</translation>
    </message>
    <message>
        <source>Off: the source keeps its models in the catalog but is not synced</source>
        <translation>关闭：来源的模型保留在目录中，但不再同步</translation>
    </message>
    <message>
        <source>LORA, Checkpoint… (any when empty)</source>
        <translation>LORA、Checkpoint…（留空表示任意）</translation>
    </message>
    <message>
        <source>SDXL 1.0, Pony… (any when empty)</source>
        <translation>SDXL 1.0、Pony…（留空表示任意）</translation>
    </message>
    <message>
        <source>How many models the source keeps, the most downloaded first</source>
        <translation>来源保留的模型数量，下载量最多的优先</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>种类(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Base model:</source>
        <translation>基础模型(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Creator:</source>
        <translation>作者(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;At most:</source>
        <translation>最多(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Add and sync</source>
        <translation>添加并同步(&amp;A)</translation>
    </message>
    <message>
        <source>A&amp;uthor:</source>
        <translation>作者(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Words:</source>
        <translation>关键词(&amp;W)：</translation>
    </message>
    <message>
        <source>Co&amp;llection:</source>
        <translation>合集(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>anime style</source>
        <translation>动漫风格</translation>
    </message>
    <message>
        <source>&amp;Model id:</source>
        <translation>模型 ID(&amp;M)：</translation>
    </message>
    <message>
        <source>Edit source %1</source>
        <translation>编辑来源 %1</translation>
    </message>
    <message>
        <source>&amp;Save and sync</source>
        <translation>保存并同步(&amp;S)</translation>
    </message>
</context>
<context>
    <name>Ui::SourcesDelegate</name>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n 个新增</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n 个更新</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::SourcesModel</name>
    <message>
        <source>All sources (%1)</source>
        <translation>所有来源（%1）</translation>
    </message>
    <message>
        <source>All sources, %1 models</source>
        <translation>所有来源，%1 个模型</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>所有来源</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1, %2 models</source>
        <translation>%1，%2 个模型</translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n 个新增</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n 个更新</numerusform>
        </translation>
    </message>
    <message>
        <source>Since you last looked: %1 new, %2 updated.</source>
        <translation>自你上次查看以来：%1 个新增，%2 个更新。</translation>
    </message>
</context>
<context>
    <name>Ui::SpeedGraph</name>
    <message>
        <source>Download speed over the last minute</source>
        <translation>最近一分钟的下载速度</translation>
    </message>
    <message>
        <source>/s</source>
        <translation>/s</translation>
    </message>
</context>
<context>
    <name>Ui::SyncStatus</name>
    <message numerus="yes">
        <source>Hub is rate-limiting, retrying in %n s</source>
        <translation>
            <numerusform>平台正在限流，%n 秒后重试</numerusform>
        </translation>
    </message>
    <message>
        <source>Hub is rate-limiting, retrying now</source>
        <translation>平台正在限流，正在重试</translation>
    </message>
    <message>
        <source>Syncing %1… %2/%3 pages</source>
        <translation>正在同步 %1… 第 %2/%3 页</translation>
    </message>
    <message>
        <source>Syncing %1… %2/1 page</source>
        <translation>正在同步 %1… 第 %2/1 页</translation>
    </message>
    <message>
        <source>Syncing %1… %2 pages</source>
        <translation>正在同步 %1… 已读 %2 页</translation>
    </message>
    <message>
        <source>Syncing %1… 1 page</source>
        <translation>正在同步 %1… 已读 1 页</translation>
    </message>
    <message>
        <source>Syncing %1…</source>
        <translation>正在同步 %1…</translation>
    </message>
    <message>
        <source>Offline — showing cached catalog</source>
        <translation>离线 — 显示缓存的目录</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <source>Sync of %1 failed: %2</source>
        <translation>%1 同步失败：%2</translation>
    </message>
    <message>
        <source>Catalog not synced yet</source>
        <translation>目录尚未同步</translation>
    </message>
    <message>
        <source>Synced just now</source>
        <translation>刚刚已同步</translation>
    </message>
    <message numerus="yes">
        <source>Synced %n min ago</source>
        <translation>
            <numerusform>%n 分钟前已同步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n 个新增</numerusform>
        </translation>
    </message>
    <message>
        <source>1 source offline</source>
        <translation>1 个来源离线</translation>
    </message>
    <message>
        <source>%1 sources offline</source>
        <translation>%1 个来源离线</translation>
    </message>
    <message>
        <source>next in 1 min</source>
        <translation>1 分钟后再次同步</translation>
    </message>
    <message numerus="yes">
        <source>next in %n min</source>
        <translation>
            <numerusform>%n 分钟后再次同步</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::TrayController</name>
    <message>
        <source>&amp;Show ModelDock</source>
        <translation>显示 ModelDock(&amp;S)</translation>
    </message>
    <message>
        <source>Show the ModelDock window</source>
        <translation>显示 ModelDock 窗口</translation>
    </message>
    <message>
        <source>ModelDock</source>
        <translation>ModelDock</translation>
    </message>
    <message>
        <source>Download finished with problems</source>
        <translation>下载已完成，但有问题</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 of %n file(s) failed. Open ModelDock to retry them.</source>
        <translation>
            <numerusform>%1：%n 个文件中有 %2 个失败。打开 ModelDock 重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Download cancelled</source>
        <translation>下载已取消</translation>
    </message>
    <message>
        <source>Download finished</source>
        <translation>下载已完成</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n file(s) verified.</source>
        <translation>
            <numerusform>%1：已校验 %n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>ModelDock is still running</source>
        <translation>ModelDock 仍在运行</translation>
    </message>
    <message>
        <source>Downloads continue in the background. Use Quit in the tray menu to end ModelDock.</source>
        <translation>下载会在后台继续。使用托盘菜单中的“退出”结束 ModelDock。</translation>
    </message>
</context>
<context>
    <name>Ui::TypeFoldersEditor</name>
    <message>
        <source>Civitai type</source>
        <translation>Civitai 类型</translation>
    </message>
    <message>
        <source>Folder in the library</source>
        <translation>模型库中的文件夹</translation>
    </message>
    <message>
        <source>Your folder for %1 (the layout&apos;s: %2). Empty the cell to use the layout&apos;s.</source>
        <translation>你为 %1 设置的文件夹（布局默认：%2）。清空此格即使用布局默认值。</translation>
    </message>
    <message>
        <source>The layout&apos;s folder for %1. Type another to send %1 files elsewhere.</source>
        <translation>布局为 %1 指定的文件夹。输入其他文件夹可将 %1 文件存放到别处。</translation>
    </message>
</context>
<context>
    <name>Ui::VariantList</name>
    <message>
        <source>Variants of the model</source>
        <translation>模型的变体</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>下载 %1</translation>
    </message>
    <message numerus="yes">
        <source>Download %1 (%n file(s))</source>
        <translation>
            <numerusform>下载 %1（%n 个文件）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Updates::ModelUpdater</name>
    <message>
        <source>&quot;%1&quot; is not a Civitai model: use civitai:MODEL_ID (the update moves to its newest version).</source>
        <translation>“%1”不是 Civitai 模型：请使用 civitai:MODEL_ID（更新会切换到其最新版本）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a model: use namespace/name[@branch] or civitai:MODEL_ID.</source>
        <translation>“%1”不是模型：请使用 namespace/name[@branch] 或 civitai:MODEL_ID。</translation>
    </message>
    <message>
        <source>%1 has no files to update to.</source>
        <translation>%1 没有可更新的文件。</translation>
    </message>
    <message>
        <source>None of the files of %1 you have are in its new version %2.</source>
        <translation>你已有的 %1 文件都不在其新版本 %2 中。</translation>
    </message>
    <message>
        <source>Update %1</source>
        <translation>更新 %1</translation>
    </message>
    <message>
        <source>The update of %1 stopped: %2. The model still points at its previous version.</source>
        <translation>%1 的更新已停止：%2。模型仍指向之前的版本。</translation>
    </message>
    <message>
        <source>%1 is not in the library (%2); download it first.</source>
        <translation>%1 不在模型库（%2）中；请先下载它。</translation>
    </message>
    <message>
        <source>%1 has no version to update to.</source>
        <translation>%1 没有可更新到的版本。</translation>
    </message>
    <message>
        <source>The hub did not say which version of %1 is the newest.</source>
        <translation>平台没有说明 %1 的哪个版本是最新的。</translation>
    </message>
    <message>
        <source>The update of %1 stopped: %2. The library keeps its previous version.</source>
        <translation>%1 的更新已停止：%2。模型库保留之前的版本。</translation>
    </message>
</context>
<context>
    <name>Updates::RefSwitcher</name>
    <message numerus="yes">
        <source>%1 (%2) still points at its previous version %3: %n file(s) of the new version %4 did not finish. Download it again to complete the update.</source>
        <translation>
            <numerusform>%1（%2）仍指向之前的版本 %3：新版本 %4 有 %n 个文件未下载完成。请重新下载以完成更新。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) still points at its previous version %3: the new version %4 is not complete on disk (%n file(s) missing, such as %5). Use Update to fetch all of it.</source>
        <translation>
            <numerusform>%1（%2）仍指向之前的版本 %3：新版本 %4 在磁盘上不完整（缺少 %n 个文件，例如 %5）。请使用“更新”获取全部内容。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Util::ByteSizes</name>
    <message>
        <source>1 byte</source>
        <translation>1 字节</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
</context>
<context>
    <name>Util::Sqlite</name>
    <message>
        <source>Cannot prepare the schema of %1: %2</source>
        <translation>无法准备 %1 的数据库结构：%2</translation>
    </message>
    <message>
        <source>%1 was written by a newer ModelDock (schema %2); update ModelDock.</source>
        <translation>%1 由更新版本的 ModelDock 写入（结构版本 %2）；请更新 ModelDock。</translation>
    </message>
    <message>
        <source>Cannot migrate %1 to schema %2: %3</source>
        <translation>无法将 %1 迁移到结构版本 %2：%3</translation>
    </message>
</context>
<context>
    <name>modeldock-cli</name>
    <message>
        <source>Interrupted. Run the same command again to resume.
</source>
        <translation>已中断。再次运行同一命令即可继续。
</translation>
    </message>
    <message>
        <source>catalog, download journal and settings</source>
        <translation>模型目录、下载日志和设置</translation>
    </message>
    <message>
        <source>Hugging Face endpoint or mirror</source>
        <translation>Hugging Face 服务地址或镜像</translation>
    </message>
    <message>
        <source>Civitai endpoint</source>
        <translation>Civitai 服务地址</translation>
    </message>
    <message>
        <source>Hugging Face cache folder</source>
        <translation>Hugging Face 缓存文件夹</translation>
    </message>
    <message>
        <source>folder for Civitai files</source>
        <translation>存放 Civitai 文件的文件夹</translation>
    </message>
    <message>
        <source>whose folders Civitai files go into: modeldock, comfyui, a1111 or stabilitymatrix</source>
        <translation>Civitai 文件按哪个程序的文件夹存放：modeldock、comfyui、a1111 或 stabilitymatrix</translation>
    </message>
    <message>
        <source>Usage: modeldock-cli [global options] COMMAND [arguments]

Browse AI model hubs and download models from the command line.

Commands:
</source>
        <translation>用法：modeldock-cli [全局选项] COMMAND [参数]

在命令行中浏览 AI 模型平台并下载模型。

命令：
</translation>
    </message>
    <message>
        <source>show help for a command</source>
        <translation>显示某个命令的帮助</translation>
    </message>
    <message>
        <source>Global options:
</source>
        <translation>全局选项：
</translation>
    </message>
    <message>
        <source>%1 (env %2)</source>
        <translation>%1（环境变量 %2）</translation>
    </message>
    <message>
        <source>print one JSON object per line</source>
        <translation>每行输出一个 JSON 对象</translation>
    </message>
    <message>
        <source>show this help</source>
        <translation>显示此帮助</translation>
    </message>
    <message>
        <source>show the version</source>
        <translation>显示版本</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 需要一个值</translation>
    </message>
    <message>
        <source>not a usable endpoint: &quot;%1&quot; (expected an http:// or https:// URL)</source>
        <translation>无法使用的服务地址：“%1”（需要 http:// 或 https:// 开头的 URL）</translation>
    </message>
    <message>
        <source>no command named &quot;%1&quot;</source>
        <translation>没有名为“%1”的命令</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;; run modeldock-cli --help for the list</source>
        <translation>未知命令“%1”；运行 modeldock-cli --help 查看命令列表</translation>
    </message>
    <message>
        <source>download a model repository, a Civitai model or a collection</source>
        <translation>下载模型仓库、Civitai 模型或合集</translation>
    </message>
    <message>
        <source>Usage:
  modeldock-cli download NAMESPACE/NAME[@REVISION] [--include GLOB]... [--exclude GLOB]...
  modeldock-cli download civitai:MODEL_ID[@VERSION_ID] [--all-versions] [--include GLOB]...
  modeldock-cli download collection:NAMESPACE/SLUG

Hugging Face files go into the Hugging Face cache (--hf-cache, HF_HUB_CACHE), where
huggingface_hub and other tools find them; Civitai files go into the library
(--library), sorted by type into the folders of --library-layout (modeldock, comfyui,
a1111, stabilitymatrix; setting library.layout, per-type folders library.typeFolders),
each with .modeldock.json and .civitai.info sidecars, for a1111 the card .json, and
a preview image (.preview.png) fetched after the file; a missing preview never fails it.
Running the same command again resumes an interrupted download.

Options:
  --include GLOB       only repository paths matching GLOB (&apos;*&apos; also crosses folders); for
                       Civitai, the files of a version whose names match (fp8, GGUF…)
  --exclude GLOB       leave out paths (Civitai: file names) matching GLOB
  --all-versions       every version of a Civitai model, not only the latest
  --reuse-from DIR     a folder whose files may be linked or copied instead of fetched
                       when their SHA-256 matches (repeatable; see library.reuseFolders;
                       LM Studio, Ollama and llama.cpp folders are found on their own)
  --max-active N       files downloading at once (default: setting download.maxActive)
  --per-host N         files downloading at once from one host
                       (default: setting download.maxPerHost)
  --limit-rate RATE    total bandwidth in bytes per second; suffixes k, M, G (x1024)
                       (default: setting download.bandwidthLimit)

Exit status: 0 every file verified, 1 a file failed or was refused, 2 wrong usage.
</source>
        <translation>用法：
  modeldock-cli download NAMESPACE/NAME[@REVISION] [--include GLOB]... [--exclude GLOB]...
  modeldock-cli download civitai:MODEL_ID[@VERSION_ID] [--all-versions] [--include GLOB]...
  modeldock-cli download collection:NAMESPACE/SLUG

Hugging Face 文件存入 Hugging Face 缓存（--hf-cache、HF_HUB_CACHE），huggingface_hub
和其他工具都能在那里找到它们；Civitai 文件存入模型库（--library），按类型放进
--library-layout 的文件夹（modeldock、comfyui、a1111、stabilitymatrix；设置项
library.layout，各类型文件夹见 library.typeFolders），每个文件附带 .modeldock.json
和 .civitai.info 附属文件（a1111 布局还有卡片 .json），并在文件之后获取预览图
（.preview.png）；缺少预览图不会导致失败。
再次运行同一命令即可继续被中断的下载。

选项：
  --include GLOB       只下载匹配 GLOB 的仓库路径（&apos;*&apos; 也跨越文件夹）；对于 Civitai，
                       下载版本中文件名匹配的文件（fp8、GGUF…）
  --exclude GLOB       排除匹配 GLOB 的路径（Civitai：文件名）
  --all-versions       下载 Civitai 模型的所有版本，而不只是最新版本
  --reuse-from DIR     SHA-256 相同时可链接或复制其中文件、而无需下载的文件夹
                       （可重复；另见 library.reuseFolders；LM Studio、Ollama 和
                       llama.cpp 的文件夹会自动找到）
  --max-active N       同时下载的文件数（默认：设置项 download.maxActive）
  --per-host N         从同一主机同时下载的文件数
                       （默认：设置项 download.maxPerHost）
  --limit-rate RATE    总带宽，单位为字节/秒；可用后缀 k、M、G（x1024）
                       （默认：设置项 download.bandwidthLimit）

退出状态：0 所有文件已校验，1 有文件失败或被拒绝，2 用法错误。
</translation>
    </message>
    <message>
        <source>say what to download.</source>
        <translation>请指定要下载的内容。</translation>
    </message>
    <message>
        <source>one thing to download at a time, got %1.</source>
        <translation>一次只能下载一项，但给出了 %1 项。</translation>
    </message>
    <message>
        <source>--all-versions applies to civitai:MODEL_ID without a version.</source>
        <translation>--all-versions 只适用于不带版本的 civitai:MODEL_ID。</translation>
    </message>
    <message>
        <source>HF_HUB_OFFLINE is set: nothing is downloaded; files come from the cache.</source>
        <translation>已设置 HF_HUB_OFFLINE：不下载任何内容；文件来自缓存。</translation>
    </message>
    <message>
        <source>%1 (%2) now points at the new version %3.</source>
        <translation>%1（%2）现在指向新版本 %3。</translation>
    </message>
    <message>
        <source>%1: %2 file(s), %3</source>
        <translation>%1：%2 个文件，%3</translation>
    </message>
    <message>
        <source>reused: %1 (%2) from %3 by %4, 0 bytes fetched</source>
        <translation>复用：%1（%2），来自 %3，方式：%4，下载 0 字节</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 另有 %1 个</translation>
    </message>
    <message>
        <source>%1 of %2 file(s) verified (%3)</source>
        <translation>已校验 %1/%2 个文件（%3）</translation>
    </message>
    <message>
        <source>, %1 failed</source>
        <translation>，%1 个失败</translation>
    </message>
    <message>
        <source>, %1 refused</source>
        <translation>，%1 个被拒绝</translation>
    </message>
    <message>
        <source>close it, or use --data-dir to download with another data folder.</source>
        <translation>请关闭它，或用 --data-dir 指定另一个数据文件夹来下载。</translation>
    </message>
    <message>
        <source>read what is on disk into the library index (library scan)</source>
        <translation>将磁盘上的内容读入模型库索引（library scan）</translation>
    </message>
    <message>
        <source>Usage:
  modeldock-cli library scan [DIR]... [--identify] [--write-sidecars] [--update-all]

Reads the Hugging Face cache, the library, the model folders of LM Studio, Ollama and
llama.cpp, the folders of the setting library.reuseFolders and each DIR into the library
index, and hashes (SHA-256) every file not hashed before. A file unchanged since the last
scan (same size, time and inode) is not read again. Downloads then link or copy files
found here instead of fetching them.

Options:
  --identify         then say what each file is: Hugging Face cache files by their folder,
                     files the catalog lists by their hash, the others by asking Civitai
                     (POST /api/v1/model-versions/by-hash, 100 hashes a request; only
                     the hashes leave the machine). Answers are kept in identities.sqlite
                     in the data folder, so a rescan asks only about new files. Prints
                     one line per identified file, with the model&apos;s newer version if any.
  --write-sidecars   (implies --identify) write &lt;stem&gt;.civitai.info and
                     &lt;stem&gt;.preview.&lt;ext&gt; beside each file identified on Civitai; files
                     already there are kept
  --update-all       (implies --identify) download the newer version of every identified
                     Civitai model into the library, as one download group

Exit status: 0 done, 1 a file or folder could not be read, a lookup or a download
failed, 2 wrong usage.
</source>
        <translation>用法：
  modeldock-cli library scan [DIR]... [--identify] [--write-sidecars] [--update-all]

将 Hugging Face 缓存、模型库、LM Studio、Ollama 和 llama.cpp 的模型文件夹、设置项
library.reuseFolders 中的文件夹以及每个 DIR 读入模型库索引，并为之前未计算过哈希的
文件计算哈希值（SHA-256）。自上次扫描以来未改动的文件（大小、时间和 inode 相同）
不会再次读取。之后的下载会链接或复制这里找到的文件，而不是重新下载。

选项：
  --identify         然后识别每个文件：Hugging Face 缓存文件按其文件夹识别，目录中列出的
                     文件按哈希识别，其余的向 Civitai 查询（POST
                     /api/v1/model-versions/by-hash，每次请求 100 个哈希；只有哈希值
                     离开本机）。结果保存在数据文件夹的 identities.sqlite 中，重新扫描时
                     只查询新文件。每个已识别的文件输出一行，如有新版本一并列出。
  --write-sidecars   （包含 --identify）在每个在 Civitai 上识别出的文件旁写入
                     &lt;stem&gt;.civitai.info 和 &lt;stem&gt;.preview.&lt;ext&gt;；已有的文件会保留
  --update-all       （包含 --identify）将每个已识别的 Civitai 模型的新版本下载到
                     模型库，作为一个下载组

退出状态：0 完成，1 有文件或文件夹无法读取、查询或下载失败，2 用法错误。
</translation>
    </message>
    <message>
        <source>expected &quot;scan&quot;
</source>
        <translation>应为“scan”
</translation>
    </message>
    <message>
        <source>%1 file(s), %2 new or changed, %3 gone; hashed %4 (%5) in %6 s</source>
        <translation>%1 个文件，%2 个新增或改动，%3 个已不存在；%6 秒内计算了 %4 个文件的哈希（%5）</translation>
    </message>
    <message>
        <source>the catalog cannot be read, so nothing was identified: %1</source>
        <translation>无法读取模型目录，因此未识别任何文件：%1</translation>
    </message>
    <message>
        <source>; newer version: %1 (%2)</source>
        <translation>；新版本：%1（%2）</translation>
    </message>
    <message>
        <source> The files not identified yet are asked about again at the next scan.
</source>
        <translation> 尚未识别的文件会在下次扫描时再次查询。
</translation>
    </message>
    <message>
        <source>Nothing to update: no identified model has a newer version.</source>
        <translation>无需更新：已识别的模型都没有新版本。</translation>
    </message>
    <message>
        <source>Update of 1 model</source>
        <translation>更新 1 个模型</translation>
    </message>
    <message>
        <source>Update of %1 models</source>
        <translation>更新 %1 个模型</translation>
    </message>
    <message>
        <source>No models found.
</source>
        <translation>没有找到模型。
</translation>
    </message>
    <message>
        <source>Usage: modeldock-cli search [QUERY] [--limit N] [--offset N]
                            [--sort relevance|downloads|likes|updated|name|size] [--ascending]
                            [--source NAME] [--hub hf|civitai] [--type gguf|checkpoint|lora]
                            [--base-model NAME] [--downloaded yes|no] [--live hf|civitai] [--json]

Searches names, authors, tags and descriptions in the local catalog; every word must
match (as a prefix). Without QUERY it lists the catalog in the sort order. Works offline.
With --live the hub itself is searched.
</source>
        <translation>用法：modeldock-cli search [QUERY] [--limit N] [--offset N]
                            [--sort relevance|downloads|likes|updated|name|size] [--ascending]
                            [--source NAME] [--hub hf|civitai] [--type gguf|checkpoint|lora]
                            [--base-model NAME] [--downloaded yes|no] [--live hf|civitai] [--json]

在本地目录中搜索名称、作者、标签和描述；每个词都必须匹配（按前缀）。
不带 QUERY 时按排序顺序列出目录。可离线使用。
使用 --live 时直接在平台上搜索。
</translation>
    </message>
    <message>
        <source>--limit needs a positive number, --offset zero or more, --sort one of relevance, downloads, likes, updated, name, size, --type one of gguf, checkpoint, lora and --downloaded yes or no</source>
        <translation>--limit 需要正数，--offset 需要零或正数，--sort 取 relevance、downloads、likes、updated、name、size 之一，--type 取 gguf、checkpoint、lora 之一，--downloaded 取 yes 或 no</translation>
    </message>
    <message>
        <source>--live needs a QUERY
</source>
        <translation>--live 需要一个 QUERY
</translation>
    </message>
    <message>
        <source>there is no source named &quot;%1&quot;</source>
        <translation>没有名为“%1”的来源</translation>
    </message>
    <message>
        <source>search the local catalog</source>
        <translation>搜索本地目录</translation>
    </message>
    <message>
        <source>nothing was changed:
</source>
        <translation>未做任何更改：
</translation>
    </message>
    <message>
        <source>No change: the settings already had these values (version %1).</source>
        <translation>没有变化：设置已经是这些值（版本 %1）。</translation>
    </message>
    <message>
        <source>Settings version %1: changed %2</source>
        <translation>设置版本 %1：已更改 %2</translation>
    </message>
    <message>
        <source>show, change, export or roll back settings</source>
        <translation>显示、更改、导出或回滚设置</translation>
    </message>
    <message>
        <source>Usage: modeldock-cli settings get [KEY]
       modeldock-cli settings set KEY=VALUE [KEY=VALUE…]
       modeldock-cli settings history
       modeldock-cli settings rollback VERSION
       modeldock-cli settings export [--include-secrets] FILE
       modeldock-cli settings import FILE

A set of changes is validated as a whole and applied atomically: if any value is
refused, nothing changes. Every applied change gets a version number; rollback
restores an earlier version as a new change. Tokens are never printed.
The desktop app shares these settings and applies a change at once, while it runs.
Options such as --hf-endpoint and variables such as HF_ENDPOINT, HF_HUB_CACHE and
HF_TOKEN win over a stored setting for the run they are given to; `get` shows both.
</source>
        <translation>用法：modeldock-cli settings get [KEY]
      modeldock-cli settings set KEY=VALUE [KEY=VALUE…]
      modeldock-cli settings history
      modeldock-cli settings rollback VERSION
      modeldock-cli settings export [--include-secrets] FILE
      modeldock-cli settings import FILE

一组更改会整体校验并原子地应用：只要有一个值被拒绝，就什么都不改。每次应用的更改
都有一个版本号；rollback 会把早期版本作为一次新更改恢复。令牌从不打印。
桌面应用共用这些设置，运行时会立即应用更改。
--hf-endpoint 等选项和 HF_ENDPOINT、HF_HUB_CACHE、HF_TOKEN 等环境变量在给出它们的
那次运行中优先于已保存的设置；`get` 会同时显示两者。
</translation>
    </message>
    <message>
        <source>this run uses %1 from %2</source>
        <translation>本次运行使用 %1，来自 %2</translation>
    </message>
    <message>
        <source>there is no setting named &quot;%1&quot;</source>
        <translation>没有名为“%1”的设置</translation>
    </message>
    <message>
        <source>expected KEY=VALUE, got &quot;%1&quot;</source>
        <translation>应为 KEY=VALUE，但得到“%1”</translation>
    </message>
    <message>
        <source>note: %1 overrides %2 for this run</source>
        <translation>注意：本次运行中 %1 覆盖了 %2</translation>
    </message>
    <message>
        <source>No changes yet: every setting has its default value.
</source>
        <translation>尚无更改：所有设置都是默认值。
</translation>
    </message>
    <message>
        <source>rollback needs a version number (see `settings history`)
</source>
        <translation>rollback 需要一个版本号（参见 `settings history`）
</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported settings version %1 to %2 (with tokens: keep the file private)</source>
        <translation>已将设置版本 %1 导出到 %2（包含令牌：请妥善保管此文件）</translation>
    </message>
    <message>
        <source>Exported settings version %1 to %2</source>
        <translation>已将设置版本 %1 导出到 %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source> (needs an approved token)
</source>
        <translation>（需要已获批准的令牌）
</translation>
    </message>
    <message>
        <source> Showing the catalog&apos;s copy.
</source>
        <translation> 显示目录中的副本。
</translation>
    </message>
    <message>
        <source>show a model&apos;s variants and files</source>
        <translation>显示模型的变体和文件</translation>
    </message>
    <message>
        <source> (disabled)</source>
        <translation>（已停用）</translation>
    </message>
    <message>
        <source>Never synced.</source>
        <translation>从未同步。</translation>
    </message>
    <message>
        <source>unexpected argument</source>
        <translation>多余的参数</translation>
    </message>
    <message>
        <source>give exactly one kind of source: --hf-author/--hf-search/--hf-filter, --hf-collection, --hf-repo, --civitai-types/--civitai-base-models/--civitai-query or --civitai-model
</source>
        <translation>请只给出一种来源：--hf-author/--hf-search/--hf-filter、--hf-collection、--hf-repo、--civitai-types/--civitai-base-models/--civitai-query 或 --civitai-model
</translation>
    </message>
    <message>
        <source>Added source &quot;%1&quot;: %2. A running ModelDock syncs it now; otherwise run modeldock-cli sync --source %1.</source>
        <translation>已添加来源“%1”：%2。正在运行的 ModelDock 会立即同步它；否则请运行 modeldock-cli sync --source %1。</translation>
    </message>
    <message>
        <source>give a source and at least one key=value (%1)</source>
        <translation>请给出一个来源和至少一个 key=value（%1）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not key=value</source>
        <translation>“%1”不是 key=value 形式</translation>
    </message>
    <message>
        <source>Changed source &quot;%1&quot;: %2. A running ModelDock syncs it now; otherwise run modeldock-cli sync --source %1.</source>
        <translation>已修改来源“%1”：%2。正在运行的 ModelDock 会立即同步它；否则请运行 modeldock-cli sync --source %1。</translation>
    </message>
    <message>
        <source>give the name of one source
</source>
        <translation>请给出一个来源的名称
</translation>
    </message>
    <message>
        <source>Removed source &quot;%1&quot; and the models only it listed.</source>
        <translation>已移除来源“%1”及只由它列出的模型。</translation>
    </message>
    <message>
        <source>say list, add, edit or remove
</source>
        <translation>请指定 list、add、edit 或 remove
</translation>
    </message>
    <message>
        <source>list, add, edit or remove catalog sources</source>
        <translation>列出、添加、编辑或移除目录来源</translation>
    </message>
    <message>
        <source>Usage: modeldock-cli sync [--source NAME] [--json]

Updates the catalog from every source, or from one. Prints per source how many models
were added, changed and removed and how long it took. Unchanged listing pages and
unchanged models are not fetched again. Exit code 1 when a source could not be synced
(its previous catalog is kept).
</source>
        <translation>用法：modeldock-cli sync [--source NAME] [--json]

从所有来源或某一个来源更新目录。按来源输出新增、改动和移除了多少模型以及耗时。
未改动的列表页和模型不会再次获取。有来源无法同步时退出码为 1（保留其之前的目录）。
</translation>
    </message>
    <message>
        <source>HF_HUB_OFFLINE is set, so the hubs are not asked; search and show use what was synced before. Unset HF_HUB_OFFLINE to sync.</source>
        <translation>已设置 HF_HUB_OFFLINE，因此不询问平台；search 和 show 使用之前同步的内容。取消设置 HF_HUB_OFFLINE 即可同步。</translation>
    </message>
    <message>
        <source>there is no source named &quot;%1&quot;; see modeldock-cli sources list</source>
        <translation>没有名为“%1”的来源；请查看 modeldock-cli sources list</translation>
    </message>
    <message>
        <source>No sources to sync; add one with modeldock-cli sources add.
</source>
        <translation>没有可同步的来源；请用 modeldock-cli sources add 添加一个。
</translation>
    </message>
    <message>
        <source>%1: %2 added, %3 changed, %4 removed, %5 unchanged in %6 s</source>
        <translation>%1：新增 %2，改动 %3，移除 %4，未变 %5，用时 %6 秒</translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <source>Done in %1 s.</source>
        <translation>完成，用时 %1 秒。</translation>
    </message>
    <message>
        <source>%1: cannot be synced (no adapter for its hub)</source>
        <translation>%1：无法同步（没有适用于其平台的适配器）</translation>
    </message>
    <message>
        <source>update the local catalog from the hubs</source>
        <translation>从平台更新本地目录</translation>
    </message>
    <message>
        <source>in the HF_TOKEN environment variable (or the setting network.hfToken)</source>
        <translation>（在环境变量 HF_TOKEN 或设置项 network.hfToken 中）</translation>
    </message>
    <message>
        <source>in the CIVITAI_API_TOKEN environment variable (or the setting network.civitaiToken)</source>
        <translation>（在环境变量 CIVITAI_API_TOKEN 或设置项 network.civitaiToken 中）</translation>
    </message>
    <message>
        <source>update a downloaded model to the hub&apos;s newest version</source>
        <translation>将已下载的模型更新到平台上的最新版本</translation>
    </message>
    <message>
        <source>Usage: modeldock-cli update ns/name[@revision]
       modeldock-cli update civitai:MODEL_ID

Hugging Face: downloads only the files whose hash changed into a new snapshot of the
cache, then switches refs/&lt;revision&gt; to it in one atomic step (without @revision:
main, or the one branch that was downloaded).
Civitai: downloads the newest version beside the one in the library, then points the
model&apos;s file at it in one atomic step; the file keeps its name.
Programs reading the model see the old version or the new one, never a mix. The
previous version stays until `modeldock-cli prune --yes`; `modeldock-cli rollback` switches back.
</source>
        <translation>用法：modeldock-cli update ns/name[@revision]
      modeldock-cli update civitai:MODEL_ID

Hugging Face：只把哈希有变化的文件下载到缓存的新快照中，然后一步原子地把
refs/&lt;revision&gt; 切换过去（不带 @revision 时为 main，或已下载的那个分支）。
Civitai：在模型库中已有版本旁下载最新版本，然后一步原子地让模型文件指向它；
文件名保持不变。
读取模型的程序只会看到旧版本或新版本，不会看到两者混杂。之前的版本会一直保留，
直到运行 `modeldock-cli prune --yes`；`modeldock-cli rollback` 可切换回去。
</translation>
    </message>
    <message>
        <source>Checking %1 for a newer version…</source>
        <translation>正在检查 %1 是否有新版本…</translation>
    </message>
    <message>
        <source>%1 is up to date at %2.</source>
        <translation>%1 已是最新（%2）。</translation>
    </message>
    <message>
        <source>Updated %1%2 from %3 to %4: %5 files downloaded (%6), %7 unchanged files reused.
Roll back with: modeldock-cli rollback %1</source>
        <translation>已将 %1%2 从 %3 更新到 %4：下载了 %5 个文件（%6），复用了 %7 个未改动的文件。
回滚：modeldock-cli rollback %1</translation>
    </message>
    <message>
        <source>switch a model back to its previous version</source>
        <translation>将模型切换回之前的版本</translation>
    </message>
    <message>
        <source>Usage: modeldock-cli rollback ns/name[@revision]
       modeldock-cli rollback civitai:MODEL_ID

Points refs/&lt;revision&gt; (or the Civitai model&apos;s file) back at the version in
force before the last update, in one atomic step. Works until that version
is pruned.
</source>
        <translation>用法：modeldock-cli rollback ns/name[@revision]
      modeldock-cli rollback civitai:MODEL_ID

一步原子地让 refs/&lt;revision&gt;（或 Civitai 模型的文件）重新指向上次更新前使用的版本。
在该版本被清理之前都可以回滚。
</translation>
    </message>
    <message>
        <source>Rolled %1 back from %2 to %3.</source>
        <translation>已将 %1 从 %2 回滚到 %3。</translation>
    </message>
    <message>
        <source>list (or with --yes remove) earlier versions ModelDock replaced and their blobs</source>
        <translation>列出（加 --yes 则删除）ModelDock 替换掉的早期版本及其数据块</translation>
    </message>
    <message>
        <source>Usage: modeldock-cli prune [ns/name] [--yes]

Lists the snapshots ModelDock moved a ref away from (earlier versions kept for
rollback) that no ref points at any more, and the blobs only they use, with the
space they take. With --yes it removes them. Nothing another tool downloaded is
touched: not a snapshot without a ref (one pinned to a commit), not a blob no
snapshot links to, not a partial download.
</source>
        <translation>用法：modeldock-cli prune [ns/name] [--yes]

列出 ModelDock 已将 ref 移走、且不再有任何 ref 指向的快照（为回滚而保留的早期版本），
以及只被它们使用的数据块，并显示占用的空间。加 --yes 则删除它们。其他工具下载的内容
不会被触碰：没有 ref 的快照（固定到某个提交的）、没有快照链接的数据块、未完成的下载
都不会删除。
</translation>
    </message>
    <message>
        <source>Nothing to prune: no earlier version ModelDock replaced is left.
</source>
        <translation>没有可清理的内容：已没有 ModelDock 替换掉的早期版本。
</translation>
    </message>
    <message>
        <source>removed %1</source>
        <translation>已删除 %1</translation>
    </message>
    <message>
        <source>would remove %1</source>
        <translation>将删除 %1</translation>
    </message>
    <message>
        <source>Removed %1 earlier snapshots and %2 blobs, freeing %3.</source>
        <translation>已删除 %1 个早期快照和 %2 个数据块，释放了 %3。</translation>
    </message>
    <message>
        <source>%1 earlier snapshots and %2 blobs (%3) can go. Nothing was removed: run again with --yes to remove them.</source>
        <translation>可以删除 %1 个早期快照和 %2 个数据块（%3）。尚未删除任何内容：加 --yes 再次运行即可删除。</translation>
    </message>
    <message>
        <source>only errors, warnings and results</source>
        <translation>只显示错误、警告和结果</translation>
    </message>
    <message>
        <source>also ModelDock&apos;s debug log (on stderr)</source>
        <translation>同时输出 ModelDock 的调试日志（到 stderr）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a folder.</source>
        <translation>“%1”不是文件夹。</translation>
    </message>
    <message>
        <source>Usage: modeldock-cli show ns/name | civitai:ID [--insight [--variant NAME] [--context N]] [--json]

Shows a model: details, variants (branches, quantizations or versions) and their files
with sizes, SHA-256 and local state. The file tree is fetched once per commit and kept;
offline, the catalog&apos;s copy is shown.

  --insight        read what the variant&apos;s file header says (GGUF: architecture,
                   parameters, context, layers, quantization; safetensors: dtypes and
                   LoRA training metadata) with at most 2 Range requests and 8 MiB,
                   kept per SHA-256; and whether each variant fits this machine&apos;s
                   RAM and GPU memory, with the one recommended here
  --variant NAME   the variant to read (default: the recommended one)
  --context N      the context length the memory estimate assumes (default: the
                   model&apos;s own, at most 8192)
</source>
        <translation>用法：modeldock-cli show ns/name | civitai:ID [--insight [--variant NAME] [--context N]] [--json]

显示一个模型：详情、变体（分支、量化或版本）及其文件的大小、SHA-256 和本地状态。
文件树每个提交只获取一次并保存；离线时显示目录中的副本。

  --insight        读取该变体文件头的信息（GGUF：架构、参数量、上下文、层数、量化；
                   safetensors：数据类型和 LoRA 训练元数据），最多 2 个 Range 请求、8 MiB，
                   按 SHA-256 缓存；并判断每个变体能否放进本机的内存和显存，给出本机推荐
  --variant NAME   要读取的变体（默认：推荐的那个）
  --context N      内存估算所用的上下文长度（默认：模型自身的，最多 8192）
</translation>
    </message>
    <message>
        <source>give one model, ns/name or civitai:ID (--variant and --context go with --insight; --context takes a number of tokens)</source>
        <translation>请给出一个模型：ns/name 或 civitai:ID（--variant 和 --context 需与 --insight 一起使用；--context 取词元数）</translation>
    </message>
    <message>
        <source>%1
Run &quot;modeldock-cli help %2&quot; for what it takes.
</source>
        <translation>%1
运行“modeldock-cli help %2”查看它接受的参数。
</translation>
    </message>
    <message>
        <source>--%1 needs a whole number from 1 to 64, not &quot;%2&quot;.</source>
        <translation>--%1 需要 1 到 64 之间的整数，而不是“%2”。</translation>
    </message>
    <message>
        <source>--%1 needs a non-empty pattern.</source>
        <translation>--%1 需要非空的模式。</translation>
    </message>
    <message>
        <source>--reuse-from needs a folder; &quot;%1&quot; is not one.</source>
        <translation>--reuse-from 需要一个文件夹；“%1”不是文件夹。</translation>
    </message>
    <message>
        <source>--limit-rate needs bytes per second such as 500k, 2M or 1G, not &quot;%1&quot;.</source>
        <translation>--limit-rate 需要每秒字节数，例如 500k、2M 或 1G，而不是“%1”。</translation>
    </message>
    <message>
        <source>total: %1/%2 files  %3  %4 / %5  %6/s  %7</source>
        <translation>总计：%1/%2 个文件  %3  %4 / %5  %6/s  %7</translation>
    </message>
    <message>
        <source>%1 has no GGUF or safetensors file to read.</source>
        <translation>%1 没有可读取的 GGUF 或 safetensors 文件。</translation>
    </message>
    <message>
        <source>%1 has no variant &quot;%2&quot;.</source>
        <translation>%1 没有变体“%2”。</translation>
    </message>
    <message>
        <source>Usage: modeldock-cli sources list [--json]
       modeldock-cli sources add --name NAME (--hf-author ORG | --hf-search TEXT | --hf-filter TAG)...
                                 [--sort downloads|likes|lastModified] [--limit N]
       modeldock-cli sources add --name NAME --hf-collection NS/SLUG
       modeldock-cli sources add --name NAME --hf-repo NS/NAME
       modeldock-cli sources add --name NAME --civitai-types LORA[,Checkpoint] [--civitai-base-models B]
                                 [--sort &quot;Most Downloaded&quot;] [--limit N]
       modeldock-cli sources add --name NAME --civitai-model ID
       modeldock-cli sources edit NAME key=value... (name, kind, enabled, limit, author, search,
                                 sort, target, tags, types, baseModels; lists comma-separated)
       modeldock-cli sources remove NAME

A source is what the catalog follows on a hub. Defaults: Jan&apos;s cortexso models, popular
GGUF models and popular Civitai LoRAs.
</source>
        <translation>用法：modeldock-cli sources list [--json]
      modeldock-cli sources add --name NAME (--hf-author ORG | --hf-search TEXT | --hf-filter TAG)...
                                 [--sort downloads|likes|lastModified] [--limit N]
      modeldock-cli sources add --name NAME --hf-collection NS/SLUG
      modeldock-cli sources add --name NAME --hf-repo NS/NAME
      modeldock-cli sources add --name NAME --civitai-types LORA[,Checkpoint] [--civitai-base-models B]
                                 [--sort &quot;Most Downloaded&quot;] [--limit N]
      modeldock-cli sources add --name NAME --civitai-model ID
      modeldock-cli sources edit NAME key=value...（name、kind、enabled、limit、author、search、
                                 sort、target、tags、types、baseModels；列表以逗号分隔）
      modeldock-cli sources remove NAME

来源是模型目录在平台上跟踪的内容。默认来源：Jan 的 cortexso 模型、热门 GGUF 模型
和热门 Civitai LoRA。
</translation>
    </message>
    <message>
        <source>give one model, ns/name[@branch] or civitai:ID.</source>
        <translation>请给出一个模型：ns/name[@branch] 或 civitai:ID。</translation>
    </message>
    <message>
        <source>one model at most, got %1.</source>
        <translation>最多一个模型，但给出了 %1 个。</translation>
    </message>
    <message>
        <source>Could not create the data folder &quot;%1&quot;.</source>
        <translation>无法创建数据文件夹“%1”。</translation>
    </message>
    <message>
        <source>Could not open the download journal: %1</source>
        <translation>无法打开下载日志：%1</translation>
    </message>
    <message>
        <source>finished: %1 (%2) through Xet: fetched %3, reused %4</source>
        <translation>已完成：%1（%2），通过 Xet：已获取 %3，复用 %4</translation>
    </message>
    <message>
        <source>write tokens too (the file is made private)</source>
        <translation>同时写入令牌（文件设为仅自己可读）</translation>
    </message>
    <message numerus="yes">
        <source>%1 has a newer version (%2): fetching %3 for %n changed file(s)</source>
        <translation>
            <numerusform>%1 有新版本（%2）：正在为 %n 个已更改的文件获取 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>, reusing %1 of unchanged chunks already on disk</source>
        <translation>，复用磁盘上已有的 %1 未更改数据块</translation>
    </message>
    <message>
        <source>Options that take a value also take it as --option=VALUE.

Output: results on stdout (download prints the local path of each model it
downloaded, one per line); progress, notes, warnings and errors on stderr, progress
redrawn only when stderr is a terminal and TERM is not &quot;dumb&quot;.

Exit status: 0 everything asked for was done, 1 something failed (each failure is
named), 2 the command line was wrong, 130 or 143 interrupted (Ctrl+C, SIGTERM; run
the same command again to resume).

Tokens come from HF_TOKEN and CIVITAI_API_TOKEN and are never printed.
HF_HUB_OFFLINE=1 asks nothing of the hubs; HF_HUB_DISABLE_XET=1 downloads files
stored in Xet the plain way instead of chunk by chunk.
Options and environment variables apply to this run only and win over the stored
settings (modeldock-cli settings), which win over the defaults.
</source>
        <translation>取值的选项也接受 --option=VALUE 的写法。

输出：结果写到 stdout（download 逐行打印所下载每个模型的本地路径）；进度、说明、警告和错误写到 stderr，
仅当 stderr 是终端且 TERM 不是“dumb”时才原地刷新进度。

退出状态：0 全部完成，1 有失败（每个失败都会指明），2 命令行有误，130 或 143 被中断
（Ctrl+C、SIGTERM；再次运行同一命令即可继续）。

令牌取自 HF_TOKEN 和 CIVITAI_API_TOKEN，从不打印。
HF_HUB_OFFLINE=1 时不向任何平台发出请求；HF_HUB_DISABLE_XET=1 时以普通方式下载存储在 Xet 中的文件，而不是按数据块获取。
选项和环境变量只对本次运行有效，优先于已保存的设置（modeldock-cli settings），后者又优先于默认值。
</translation>
    </message>
</context>
</TS>
