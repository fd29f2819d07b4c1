/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_VERSION_H
#define _VP_VERSION_H

#define VPCPEER_VERSION "0.1.0"

#endif /* _VP_VERSION_H */
