#pragma once

#include <QString>

namespace Insight {

// The memory this machine offers a model, read once: RAM from /proc/meminfo, GPU memory where
// the system says it (amdgpu and Intel's mem_info_vram_total in sysfs, nvidia-smi when it is
// installed). Zero means unknown (no GPU, or a driver that does not say).
struct MachineMemory
{
    qint64 ramTotal = 0;
    qint64 ramAvailable = 0;
    qint64 gpuTotal = 0;  // the largest GPU's dedicated memory
    QString gpuName;      // "NVIDIA GeForce RTX 4070", "card0 (amdgpu)"; empty without one

    // `root` is "/" on a real machine; tests point it at a folder laid out like one.
    // `nvidiaSmi` is the program to ask (empty: not asked).
    static MachineMemory read(const QString &root = QStringLiteral("/"),
                              const QString &nvidiaSmi = QStringLiteral("nvidia-smi"));
    // This machine, read on first use and kept (MODELDOCK_MACHINE_ROOT points tests and
    // screenshots at a pretend machine).
    static const MachineMemory &current();
    // "RAM 31.3 GiB (24.0 GiB free), GPU 12.0 GiB (NVIDIA …)".
    QString describe() const;
};

}  // namespace Insight
